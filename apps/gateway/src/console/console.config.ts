import { z } from 'zod';

/** Where people sign in to the console in production: an OIDC issuer, with authorization code + PKCE. */
export interface ConsoleConfig {
  oidc: {
    /** The issuer (its /.well-known/openid-configuration is read by the browser). */
    issuer: string;
    /** The console's client id at the issuer: a public client, redirect URI `<gateway>/console/callback`. */
    clientId: string;
    /** The resource (RFC 8707) whose access token the admin API takes: audience `causeway-admin`. */
    resource: string;
    scope: string;
  } | null;
}

/** The CAUSEWAY_CONSOLE_* variables. */
export const CONSOLE_ENV = {
  CAUSEWAY_CONSOLE_OIDC_ISSUER: z.url({ protocol: /^https?$/, error: 'must be the http(s) URL of an OIDC issuer' }).optional(),
  CAUSEWAY_CONSOLE_OIDC_CLIENT_ID: z.string().min(1).default('causeway-console'),
  CAUSEWAY_CONSOLE_OIDC_RESOURCE: z.string().min(1).default('urn:causeway:admin'),
  CAUSEWAY_CONSOLE_OIDC_SCOPE: z.string().min(1).default('openid'),
};

type ConsoleValues = z.infer<z.ZodObject<typeof CONSOLE_ENV>>;

export function consoleOf(values: ConsoleValues): ConsoleConfig {
  const issuer = values.CAUSEWAY_CONSOLE_OIDC_ISSUER;
  return {
    oidc: issuer
      ? { issuer: issuer.replace(/\/$/, ''), clientId: values.CAUSEWAY_CONSOLE_OIDC_CLIENT_ID, resource: values.CAUSEWAY_CONSOLE_OIDC_RESOURCE, scope: values.CAUSEWAY_CONSOLE_OIDC_SCOPE }
      : null,
  };
}
