import { decodeJwt, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import { ReplayCache } from '#exchange-token';
import { MAX_ASSERTION_TTL_S } from './client-assertion.js';
import { AuthenticationError, PurposeNotAllowedError, type AuthenticationReason } from './identity.error.js';
import type { Principal } from './principal.js';
import type { SystemRegistry } from './system-registry.js';

/** Asymmetric algorithms only: `none` and HMAC (which a public key could "verify") never pass. */
export const ALLOWED_ALGORITHMS = ['EdDSA', 'ES256', 'PS256', 'RS256'];
const MAX_TOKEN_LENGTH = 8192;

export interface CallerAuthenticatorOptions {
  /** `aud` a client assertion must carry: this gateway. */
  audience: string;
  clockToleranceS: number;
}

/**
 * Turns `Authorization: Bearer <client assertion>` (+ declared purpose) into
 * a Principal, or refuses: the token must be signed by the registered
 * system's own key (iss = sub = system id), for this gateway, short-lived,
 * used once; the purpose must be registered and allowed for the system.
 */
export class CallerAuthenticator {
  /** A client assertion is good for one exchange. */
  private readonly replays: ReplayCache;

  constructor(
    private readonly registry: SystemRegistry,
    private readonly options: CallerAuthenticatorOptions,
  ) {
    this.replays = new ReplayCache(options.clockToleranceS);
  }

  async authenticate(authorization: string | undefined, purposeHeader: string | undefined): Promise<Principal> {
    if (!authorization) throw new AuthenticationError('MISSING_TOKEN');
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/.exec(authorization);
    if (!match) throw new AuthenticationError('MALFORMED_TOKEN');
    const token = match[1]!;
    if (token.length > MAX_TOKEN_LENGTH) throw new AuthenticationError('TOKEN_TOO_LARGE');

    let systemId: string;
    try {
      const header = decodeProtectedHeader(token);
      if (!header.alg || !ALLOWED_ALGORITHMS.includes(header.alg)) throw new AuthenticationError('ALGORITHM_NOT_ALLOWED');
      const claims = decodeJwt(token);
      if (typeof claims.iss !== 'string' || claims.iss !== claims.sub) throw new AuthenticationError('BAD_ISSUER');
      systemId = claims.iss;
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      throw new AuthenticationError('MALFORMED_TOKEN');
    }
    const system = this.registry.get(systemId);
    if (!system) throw new AuthenticationError('UNKNOWN_SYSTEM');

    let payload;
    try {
      ({ payload } = await jwtVerify(token, system.keys, {
        algorithms: ALLOWED_ALGORITHMS,
        issuer: system.id,
        subject: system.id,
        audience: this.options.audience,
        clockTolerance: this.options.clockToleranceS,
        requiredClaims: ['iat', 'exp', 'jti'],
      }));
    } catch (error) {
      throw new AuthenticationError(reasonOf(error));
    }
    const now = Math.floor(Date.now() / 1000);
    if (payload.exp! > now + MAX_ASSERTION_TTL_S + this.options.clockToleranceS) {
      throw new AuthenticationError('TOKEN_TOO_LONG_LIVED');
    }
    if (payload.iat! > now + this.options.clockToleranceS) throw new AuthenticationError('TOKEN_NOT_YET_VALID');
    if (!this.replays.firstUse(`${system.id}:${payload.jti}`, payload.exp!)) throw new AuthenticationError('REPLAYED');

    const purpose = typeof payload.purpose === 'string' ? payload.purpose : purposeHeader?.trim() || null;
    if (!purpose || !this.registry.purposes.has(purpose) || !system.purposes.includes(purpose)) {
      throw new PurposeNotAllowedError(purpose);
    }
    return {
      system: system.id,
      department: system.department,
      clearance: system.clearance,
      purpose,
      tokenId: payload.jti!,
      issuer: system.id,
    };
  }
}

function reasonOf(error: unknown): AuthenticationReason {
  if (error instanceof errors.JWTExpired) return 'TOKEN_EXPIRED';
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return 'UNKNOWN_KEY';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'BAD_SIGNATURE';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'ALGORITHM_NOT_ALLOWED';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'BAD_AUDIENCE';
    if (error.claim === 'iss' || error.claim === 'sub') return 'BAD_ISSUER';
    if (error.claim === 'nbf') return 'TOKEN_NOT_YET_VALID';
    if (error.claim === 'iat') return 'TOKEN_NOT_YET_VALID';
  }
  return 'MALFORMED_TOKEN';
}
