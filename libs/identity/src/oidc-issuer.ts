import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ALLOWED_ALGORITHMS } from './algorithms.js';
import { AuthenticationError } from './identity.error.js';
import { departmentOf } from './principal.js';
import { readPolicyFile } from '#config';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** https, or plain http to this machine only (a development identity provider). */
function isTrustworthyUrl(value: string): boolean {
  const url = new URL(value);
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
}

const trustworthyUrl = z.url().max(512).refine(isTrustworthyUrl, 'must be https (plain http only on the loopback interface)');

export const issuerDefinitionSchema = z.object({
  /** Exactly the `iss` its tokens carry and its metadata declares. */
  issuer: trustworthyUrl,
  /** `aud` its access tokens must carry; defaults to the gateway's audience. */
  audience: z.string().min(1).optional(),
  /** The claim that names the registered system (RFC 9068 access tokens carry `client_id`). */
  systemClaim: z.string().min(1).default('client_id'),
  /** Systems this issuer may vouch for: ids, `department.*`, or `*` (none: it vouches for people only). */
  systems: z.array(z.string().regex(/^(\*|[a-z][a-z0-9-]*\.(\*|[a-z][a-z0-9.-]*))$/)).default([]),
  /**
   * The claim naming a person listed in people.yaml, for the admin API
   * (e.g. `preferred_username`); absent: this issuer vouches for no person.
   * Tokens for people carry the audience `causeway-admin`.
   */
  personClaim: z.string().min(1).optional(),
  algorithms: z.array(z.enum(ALLOWED_ALGORITHMS)).min(1).optional(),
  /** Longest lifetime (exp − now) accepted from this issuer. */
  maxTokenLifetimeS: z.number().int().positive().max(86_400).default(3600),
  /**
   * `refuse` (default): each access token is good for one exchange, like a
   * client assertion. `allow`: a token may be reused until it expires, for
   * identity providers whose clients cache their tokens.
   */
  tokenReuse: z.enum(['refuse', 'allow']).default('refuse'),
});
const issuersFile = z.object({
  issuers: z
    .array(issuerDefinitionSchema)
    .nullish()
    .transform((list) => list ?? []),
});

export type IssuerDefinition = z.infer<typeof issuerDefinitionSchema>;

/** External OIDC issuers from policies/issuers.yaml (absent file: none). */
export function readIssuerFile(policiesDir: string): IssuerDefinition[] {
  const file = join(policiesDir, 'issuers.yaml');
  if (!existsSync(file)) return [];
  const issuers = readPolicyFile(issuersFile, file).issuers;
  const seen = new Set<string>();
  for (const { issuer } of issuers) {
    if (seen.has(issuer)) throw new Error(`Invalid ${file}: ${issuer} is configured twice`);
    seen.add(issuer);
  }
  return issuers;
}

export interface OidcIssuerOptions {
  /** Least time between two JWKS downloads triggered by an unknown `kid`. */
  jwksCooldownMs?: number;
  timeoutMs?: number;
}

/**
 * A configured external OIDC issuer. Its JWKS is found through its
 * discovery document (`/.well-known/openid-configuration`), whose `issuer`
 * must match exactly; jose caches the key set and downloads it again when a
 * token names a `kid` it does not hold (at most once per cooldown, so
 * forged kids cannot make the gateway hammer the issuer).
 */
export class OidcIssuer {
  readonly algorithms: string[];
  private keys: Promise<JWTVerifyGetKey> | null = null;

  constructor(
    readonly definition: IssuerDefinition,
    private readonly options: OidcIssuerOptions = {},
  ) {
    this.algorithms = [...(definition.algorithms ?? ALLOWED_ALGORITHMS)];
  }

  get issuer(): string {
    return this.definition.issuer;
  }

  /** Whether this issuer may vouch for `systemId`. */
  trusts(systemId: string): boolean {
    const department = departmentOf(systemId);
    return this.definition.systems.some((pattern) => pattern === '*' || pattern === systemId || pattern === `${department}.*`);
  }

  /** The issuer's key set, discovered once; a failed discovery is retried on the next token. */
  keySet(): Promise<JWTVerifyGetKey> {
    this.keys ??= this.discover().catch((error: unknown) => {
      this.keys = null;
      throw error;
    });
    return this.keys;
  }

  private async discover(): Promise<JWTVerifyGetKey> {
    const timeoutMs = this.options.timeoutMs ?? 5000;
    const url = `${this.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    let metadata: { issuer?: unknown; jwks_uri?: unknown };
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      metadata = (await response.json()) as typeof metadata;
    } catch {
      throw new AuthenticationError('KEYS_UNAVAILABLE');
    }
    // A metadata document that speaks for another issuer, or points the keys somewhere untrustworthy, is refused.
    if (metadata.issuer !== this.issuer || typeof metadata.jwks_uri !== 'string' || !URL.canParse(metadata.jwks_uri) || !isTrustworthyUrl(metadata.jwks_uri)) {
      throw new AuthenticationError('KEYS_UNAVAILABLE');
    }
    return createRemoteJWKSet(new URL(metadata.jwks_uri), {
      cooldownDuration: this.options.jwksCooldownMs ?? 30_000,
      timeoutDuration: timeoutMs,
    });
  }
}
