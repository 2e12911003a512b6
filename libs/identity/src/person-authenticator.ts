import {
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALLOWED_ALGORITHMS } from './algorithms.js';
import { AuthenticationError, type AuthenticationReason } from './identity.error.js';
import type { OidcIssuer } from './oidc-issuer.js';
import type { Person, PersonDefinition } from './person.js';

/** `iss` of development people tokens (`causeway token --user`). */
export const DEV_PEOPLE_ISSUER = 'causeway-dev-people';
/** `aud` of every people token the admin API accepts. */
export const ADMIN_AUDIENCE = 'causeway-admin';
/** Longest a person's token may live (a working session). */
export const MAX_PERSON_TOKEN_TTL_S = 8 * 3600;

function devPeopleKeyFile(dataDir: string): string {
  return join(dataDir, 'keys', 'people', 'dev-issuer.json');
}

/** Creates the development people issuer's key pair under the data directory (mode 600) unless it exists. */
export async function ensureDevPeopleKey(dataDir: string): Promise<void> {
  const file = devPeopleKeyFile(dataDir);
  if (existsSync(file)) return;
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'dev-people', alg: 'EdDSA' };
  mkdirSync(join(dataDir, 'keys', 'people'), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${JSON.stringify(jwk, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

function readDevPeopleKey(dataDir: string): JWK {
  try {
    return JSON.parse(readFileSync(devPeopleKeyFile(dataDir), 'utf8')) as JWK;
  } catch {
    throw new Error(`no development people key in ${dataDir} (the gateway creates it on first start)`);
  }
}

export function devPeopleJwks(dataDir: string): JSONWebKeySet {
  const { d: _private, ...publicJwk } = readDevPeopleKey(dataDir);
  return { keys: [{ ...publicJwk, use: 'sig' }] };
}

/** A development token for a person in people.yaml (for `causeway token --user`). */
export async function signDevPersonToken(options: { dataDir: string; person: string; ttlSeconds?: number }): Promise<string> {
  const jwk = readDevPeopleKey(options.dataDir);
  const key = (await importJWK(jwk, 'EdDSA')) as CryptoKey;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'EdDSA', kid: jwk.kid!, typ: 'JWT' })
    .setIssuer(DEV_PEOPLE_ISSUER)
    .setSubject(options.person)
    .setAudience(ADMIN_AUDIENCE)
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + (options.ttlSeconds ?? 3600))
    .sign(key);
}

export interface PersonAuthenticatorOptions {
  people: () => readonly PersonDefinition[];
  /** The development issuer's public keys; absent: development tokens are refused. */
  devKeys?: JSONWebKeySet;
  /** OIDC issuers that vouch for people (entries with a `personClaim`): a list, or where to read the current one (a registry). */
  issuers: readonly OidcIssuer[] | (() => readonly OidcIssuer[]);
  clockToleranceS: number;
}

/**
 * Turns a person's bearer token into a Person: a signed JWT for the admin
 * audience from the development issuer or a configured OIDC issuer, not
 * expired, not longer-lived than a working session, naming someone listed
 * in people.yaml. Roles come from people.yaml, never from the token.
 */
export class PersonAuthenticator {
  private readonly devKeys: JWTVerifyGetKey | null;

  constructor(private readonly options: PersonAuthenticatorOptions) {
    this.devKeys = options.devKeys ? createLocalJWKSet(options.devKeys) : null;
  }

  async authenticate(authorization: string | undefined): Promise<Person> {
    const token = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) throw new AuthenticationError('MISSING_TOKEN');
    let issuer: unknown;
    try {
      decodeProtectedHeader(token);
      issuer = decodeJwt(token).iss;
    } catch {
      throw new AuthenticationError('MALFORMED_TOKEN');
    }
    let keys: JWTVerifyGetKey;
    let claim = 'sub';
    let algorithms: string[] = [...ALLOWED_ALGORITHMS];
    const issuers = typeof this.options.issuers === 'function' ? this.options.issuers() : this.options.issuers;
    const oidc = issuers.find((candidate) => candidate.issuer === issuer && candidate.definition.personClaim);
    if (issuer === DEV_PEOPLE_ISSUER && this.devKeys) {
      keys = this.devKeys;
    } else if (oidc?.definition.personClaim) {
      keys = await oidc.keySet();
      claim = oidc.definition.personClaim;
      algorithms = oidc.algorithms;
    } else {
      throw new AuthenticationError('UNKNOWN_ISSUER');
    }
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: issuer as string,
        audience: ADMIN_AUDIENCE,
        algorithms,
        clockTolerance: this.options.clockToleranceS,
        requiredClaims: ['exp', 'iat'],
      }));
    } catch (error) {
      throw new AuthenticationError(personReasonOf(error));
    }
    // Judged by what is left of it, not by the issue time the token claims.
    if ((payload.exp as number) - Date.now() / 1000 > MAX_PERSON_TOKEN_TTL_S) throw new AuthenticationError('TOKEN_TOO_LONG_LIVED');
    const id = payload[claim];
    const person = typeof id === 'string' ? this.options.people().find((candidate) => candidate.id === id) : undefined;
    // A person is named only by the issuer people.yaml ties them to (none: the development issuer).
    if (!person || (person.issuer ?? DEV_PEOPLE_ISSUER) !== issuer) throw new AuthenticationError('UNKNOWN_PERSON');
    return { id: person.id, name: person.name, roles: [...person.roles], department: person.department, issuer: issuer as string };
  }
}

function personReasonOf(error: unknown): AuthenticationReason {
  if (error instanceof errors.JWTExpired) return 'TOKEN_EXPIRED';
  if (error instanceof errors.JWTClaimValidationFailed) {
    // A required claim absent or of the wrong type is not a token for another audience.
    if (error.reason === 'missing' || error.reason === 'invalid') return 'INVALID_CLAIM';
    if (error.claim === 'nbf' || error.claim === 'iat') return 'TOKEN_NOT_YET_VALID';
    return 'BAD_AUDIENCE';
  }
  return 'BAD_SIGNATURE';
}
