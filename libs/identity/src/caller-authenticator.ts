import { decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type JWTVerifyOptions } from 'jose';
import { MemoryReplayGuard, ReplayGuardUnavailableError, type ReplayGuard } from '#exchange-token';
import { ALLOWED_ALGORITHMS } from './algorithms.js';
import { MAX_ASSERTION_TTL_S } from './client-assertion.js';
import { AuthenticationError, PurposeNotAllowedError, type AuthenticationReason } from './identity.error.js';
import type { OidcIssuer } from './oidc-issuer.js';
import type { Principal } from './principal.js';
import type { RegisteredSystem, RegistrySource, SystemRegistry } from './system-registry.js';

const MAX_TOKEN_LENGTH = 8192;
/** A token id longer than this is not an id (a UUID is 36 characters). */
const MAX_TOKEN_ID_LENGTH = 256;

export interface CallerAuthenticatorOptions {
  /** `aud` a caller token must carry: this gateway. */
  audience: string;
  clockToleranceS: number;
  /** External OIDC issuers whose access tokens name a registered system: a list, or where to read the current one (a registry). */
  issuers?: readonly OidcIssuer[] | (() => readonly OidcIssuer[]);
  /** Where used client-assertion ids are kept (default: process memory). */
  replays?: ReplayGuard;
}

/** A token whose signature and claims have been checked, before replay and purpose. */
interface VerifiedToken {
  system: RegisteredSystem;
  payload: JWTPayload & { exp: number; iat: number; jti: string };
  issuer: string;
  maxLifetimeS: number;
  singleUse: boolean;
}

/**
 * Turns `Authorization: Bearer <token>` (+ declared purpose) into a
 * Principal, or refuses. Two kinds of token are accepted:
 * - a client assertion signed by the registered system's own key
 *   (iss = sub = system id), at most 5 minutes long, used once;
 * - an access token from a configured OIDC issuer (iss = that issuer),
 *   whose `systemClaim` names a system the issuer may vouch for.
 * Either way the token is for this gateway, signed with an allowed
 * algorithm, and the purpose must be registered and allowed for the system.
 */
export class CallerAuthenticator {
  private readonly replays: ReplayGuard;
  private readonly issuers: () => readonly OidcIssuer[];

  constructor(
    private readonly registry: RegistrySource,
    private readonly options: CallerAuthenticatorOptions,
  ) {
    this.replays = options.replays ?? new MemoryReplayGuard(options.clockToleranceS);
    const issuers = options.issuers ?? [];
    this.issuers = typeof issuers === 'function' ? issuers : () => issuers;
  }

  async authenticate(authorization: string | undefined, purposeHeader: string | null | undefined): Promise<Principal> {
    if (!authorization) throw new AuthenticationError('MISSING_TOKEN');
    // The scheme's name is case-insensitive (RFC 9110, 11.1): `bearer` and `BEARER` are Bearer.
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/i.exec(authorization);
    if (!match) throw new AuthenticationError('MALFORMED_TOKEN');
    const token = match[1]!;
    if (token.length > MAX_TOKEN_LENGTH) throw new AuthenticationError('TOKEN_TOO_LARGE');
    let claims: JWTPayload;
    try {
      const header = decodeProtectedHeader(token);
      if (!header.alg || !(ALLOWED_ALGORITHMS as readonly string[]).includes(header.alg)) {
        throw new AuthenticationError('ALGORITHM_NOT_ALLOWED');
      }
      claims = decodeJwt(token);
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      throw new AuthenticationError('MALFORMED_TOKEN');
    }
    // One registry for the whole decision, even if a newer one is swapped in meanwhile.
    const registry = this.registry.current();
    const issuer = typeof claims.iss === 'string' ? this.issuers().find((candidate) => candidate.issuer === claims.iss) : undefined;
    const verified = issuer ? await this.verifyAccessToken(token, issuer, registry) : await this.verifyClientAssertion(token, claims, registry);

    const { system, payload } = verified;
    const now = Math.floor(Date.now() / 1000);
    if (payload.exp > now + verified.maxLifetimeS + this.options.clockToleranceS) {
      throw new AuthenticationError('TOKEN_TOO_LONG_LIVED');
    }
    if (payload.iat > now + this.options.clockToleranceS) throw new AuthenticationError('TOKEN_NOT_YET_VALID');
    // The token id keys the replay guard: a number (1 and "1" would be one id to it), an empty or an unbounded one is refused.
    if (typeof payload.jti !== 'string' || payload.jti.length === 0 || payload.jti.length > MAX_TOKEN_ID_LENGTH) {
      throw new AuthenticationError('INVALID_CLAIM');
    }
    // A token meant for this gateway and for other services too could be replayed at them: one audience only.
    if (Array.isArray(payload.aud) && payload.aud.length !== 1) throw new AuthenticationError('BAD_AUDIENCE');
    if (verified.singleUse && !(await this.firstUse(`${verified.issuer} ${payload.jti}`, payload.exp))) {
      throw new AuthenticationError('REPLAYED');
    }
    const declared = purposeHeader?.trim() || null;
    const purpose = typeof payload.purpose === 'string' ? payload.purpose : declared;
    // A header that says otherwise than the token is a conflict, not a detail to ignore.
    const caller = { system: system.id, department: system.department, tokenId: payload.jti, issuer: verified.issuer };
    // Two purpose headers: refused, as this system's request (its token verified).
    if (purposeHeader === null) throw new PurposeNotAllowedError(null, caller);
    if (declared !== null && declared !== purpose) throw new PurposeNotAllowedError(declared, caller);
    if (!purpose || !registry.purposes.has(purpose) || !system.purposes.includes(purpose)) {
      throw new PurposeNotAllowedError(purpose, caller);
    }
    return { ...caller, clearance: system.clearance, purpose };
  }

  private async verifyClientAssertion(token: string, claims: JWTPayload, registry: SystemRegistry): Promise<VerifiedToken> {
    if (typeof claims.iss !== 'string' || claims.iss !== claims.sub) {
      // An issuer URL is an OIDC issuer this gateway was not told to trust.
      throw new AuthenticationError(typeof claims.iss === 'string' && /^https?:\/\//.test(claims.iss) ? 'UNKNOWN_ISSUER' : 'BAD_ISSUER');
    }
    const system = registry.get(claims.iss);
    if (!system) throw new AuthenticationError('UNKNOWN_SYSTEM');
    const payload = await verify(token, system.keys, {
      algorithms: [...ALLOWED_ALGORITHMS],
      issuer: system.id,
      subject: system.id,
      audience: this.options.audience,
      clockTolerance: this.options.clockToleranceS,
      requiredClaims: ['iat', 'exp', 'jti'],
    });
    return { system, payload, issuer: system.id, maxLifetimeS: MAX_ASSERTION_TTL_S, singleUse: true };
  }

  private async firstUse(id: string, exp: number): Promise<boolean> {
    try {
      return await this.replays.firstUse(id, exp);
    } catch (error) {
      // Fail closed: a token that cannot be shown unused is not accepted.
      if (error instanceof ReplayGuardUnavailableError) throw new AuthenticationError('REPLAY_GUARD_UNAVAILABLE');
      throw error;
    }
  }

  private async verifyAccessToken(token: string, issuer: OidcIssuer, registry: SystemRegistry): Promise<VerifiedToken> {
    const { definition } = issuer;
    // Signature first: an unsigned probe learns nothing about which systems are registered.
    const payload = await verify(token, await issuer.keySet(), {
      algorithms: issuer.algorithms,
      issuer: definition.issuer,
      audience: definition.audience ?? this.options.audience,
      clockTolerance: this.options.clockToleranceS,
      requiredClaims: ['iat', 'exp', 'jti'],
    });
    const systemId = payload[definition.systemClaim];
    const system = typeof systemId === 'string' ? registry.get(systemId) : undefined;
    if (!system) throw new AuthenticationError('UNKNOWN_SYSTEM');
    if (!issuer.trusts(system.id)) throw new AuthenticationError('ISSUER_NOT_TRUSTED');
    return {
      system,
      payload,
      issuer: definition.issuer,
      maxLifetimeS: definition.maxTokenLifetimeS,
      singleUse: definition.tokenReuse === 'refuse',
    };
  }
}

async function verify(token: string, keys: JWTVerifyGetKey, options: JWTVerifyOptions): Promise<VerifiedToken['payload']> {
  try {
    const { payload } = await jwtVerify(token, keys, options);
    return payload as VerifiedToken['payload'];
  } catch (error) {
    throw new AuthenticationError(reasonOf(error));
  }
}

function reasonOf(error: unknown): AuthenticationReason {
  if (error instanceof AuthenticationError) return error.reason;
  if (error instanceof errors.JWTExpired) return 'TOKEN_EXPIRED';
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return 'UNKNOWN_KEY';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'BAD_SIGNATURE';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'ALGORITHM_NOT_ALLOWED';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'BAD_AUDIENCE';
    if (error.claim === 'iss' || error.claim === 'sub') return 'BAD_ISSUER';
    // A required claim absent, or of the wrong type, is a malformed token, not one issued in the future.
    if (error.reason === 'missing' || error.reason === 'invalid') return 'INVALID_CLAIM';
    if (error.claim === 'nbf' || error.claim === 'iat') return 'TOKEN_NOT_YET_VALID';
  }
  // The keys could not be fetched (timeout, network, a broken JWKS document).
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || !(error instanceof errors.JOSEError)) {
    return 'KEYS_UNAVAILABLE';
  }
  return 'MALFORMED_TOKEN';
}
