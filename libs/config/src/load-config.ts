import { z } from 'zod';
import { ConfigError, type ConfigIssue } from './config.error.js';

export type EnvSource = Record<string, string | undefined>;

/**
 * Validates `env` against a zod object whose keys are environment variable
 * names. Empty strings count as unset, so `FOO=` falls back to the default
 * instead of failing in surprising ways.
 */
export function loadConfig<S extends z.ZodObject>(app: string, schema: S, env: EnvSource = process.env): z.infer<S> {
  const input: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') input[key] = value.trim();
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues: ConfigIssue[] = result.error.issues.map((issue) => ({
    variable: String(issue.path[0] ?? '(environment)'),
    message: issue.message,
  }));
  throw new ConfigError(app, issues);
}

/** Reusable field schemas for environment variables. */
export const env = {
  port: (fallback: number) =>
    z.coerce.number({ error: 'must be a TCP port number' }).int('must be a whole number').min(1, 'must be between 1 and 65535').max(65535, 'must be between 1 and 65535').default(fallback),
  millis: (fallback: number, min = 0) =>
    z.coerce.number({ error: 'must be a number of milliseconds' }).int('must be a whole number of milliseconds').min(min, `must be at least ${min}`).default(fallback),
  host: (fallback: string) =>
    z
      .string()
      .regex(/^[A-Za-z0-9.:\-[\]]+$/, 'must be a host name or IP address')
      .default(fallback),
  /** A JWT issuer or audience: printable ASCII without spaces. */
  tokenName: (fallback: string) =>
    z
      .string()
      .regex(/^[\x21-\x7e]{1,200}$/, 'must be printable ASCII without spaces')
      .default(fallback),
  url: () => z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
};
