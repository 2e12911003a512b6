import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { timingSafeEqual } from 'node:crypto';
import { bodyHash, EXCHANGE_TOKEN_ALGORITHM, EXCHANGE_TOKEN_MAX_TTL_S } from './exchange-token.claims.js';
import { MemoryReplayGuard } from './replay/memory.replay-guard.js';
import { ReplayGuardUnavailableError, type ReplayGuard } from './replay/replay-guard.js';

/** Why a bureau refused a request; the only detail a caller is told. */
export type ExchangeTokenReason =
  | 'MISSING_TOKEN'
  | 'MALFORMED_TOKEN'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_TOO_LONG_LIVED'
  | 'TOKEN_NOT_YET_VALID'
  | 'UNKNOWN_KEY'
  | 'BAD_SIGNATURE'
  | 'BAD_AUDIENCE'
  | 'BAD_ISSUER'
  | 'BODY_MISMATCH'
  | 'REPLAYED'
  | 'REPLAY_GUARD_UNAVAILABLE'
  | 'JWKS_UNAVAILABLE';

export class ExchangeTokenError extends Error {
  constructor(readonly reason: ExchangeTokenReason) {
    super(`exchange token refused: ${reason}`);
    this.name = 'ExchangeTokenError';
  }
}

/** What a bureau's resolvers may know about the request they serve. */
export interface VerifiedExchange {
  system: string;
  department: string;
  purpose: string;
  exchangeId: string;
  tokenId: string;
}

export interface ExchangeTokenVerifierOptions {
  audience: string;
  issuer: string;
  /** The gateway's JWKS, or a key resolver (tests). */
  jwks: URL | JWTVerifyGetKey;
  clockToleranceS?: number;
  /** Where used token ids are kept (default: process memory). */
  replays?: ReplayGuard;
}

const MAX_TOKEN_LENGTH = 4096;

/**
 * A bureau's check of the gateway's exchange token: signature by a
 * published gateway key, audience = this bureau, issuer, expiry (and a
 * lifetime no longer than the gateway ever issues), the exact body, and
 * one use per token id.
 */
export class ExchangeTokenVerifier {
  private readonly keys: JWTVerifyGetKey;
  private readonly replays: ReplayGuard;

  constructor(private readonly options: ExchangeTokenVerifierOptions) {
    this.replays = options.replays ?? new MemoryReplayGuard(options.clockToleranceS ?? 5);
    this.keys =
      options.jwks instanceof URL
        ? createRemoteJWKSet(options.jwks, {
            // Refetch soon after a rotation (an unknown kid), at most once a second.
            cooldownDuration: 1000,
            cacheMaxAge: 10 * 60 * 1000,
            timeoutDuration: 5000,
          })
        : options.jwks;
  }

  async verify(authorization: string | undefined, body: string | Uint8Array): Promise<VerifiedExchange> {
    const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(authorization ?? '');
    if (!authorization) throw new ExchangeTokenError('MISSING_TOKEN');
    if (!match || match[1]!.length > MAX_TOKEN_LENGTH) throw new ExchangeTokenError('MALFORMED_TOKEN');
    let payload;
    try {
      ({ payload } = await jwtVerify(match[1]!, this.keys, {
        algorithms: [EXCHANGE_TOKEN_ALGORITHM],
        audience: this.options.audience,
        issuer: this.options.issuer,
        clockTolerance: this.options.clockToleranceS ?? 5,
        maxTokenAge: `${EXCHANGE_TOKEN_MAX_TTL_S}s`,
        requiredClaims: ['sub', 'jti', 'iat', 'exp'],
        typ: 'causeway-exchange+jwt',
      }));
    } catch (error) {
      throw new ExchangeTokenError(reasonOf(error));
    }
    // The token id keys the replay guard: only a bounded, non-empty string is an id (1 and "1" would be one to it).
    if (typeof payload.jti !== 'string' || payload.jti.length === 0 || payload.jti.length > 256 || typeof payload.sub !== 'string') {
      throw new ExchangeTokenError('MALFORMED_TOKEN');
    }
    if (payload.exp! - payload.iat! > EXCHANGE_TOKEN_MAX_TTL_S) throw new ExchangeTokenError('TOKEN_TOO_LONG_LIVED');
    const claimed = typeof payload.bh === 'string' ? Buffer.from(payload.bh) : Buffer.alloc(0);
    const actual = Buffer.from(bodyHash(body));
    if (claimed.length !== actual.length || !timingSafeEqual(claimed, actual)) throw new ExchangeTokenError('BODY_MISMATCH');
    let first: boolean;
    try {
      first = await this.replays.firstUse(payload.jti!, payload.exp!);
    } catch (error) {
      if (error instanceof ReplayGuardUnavailableError) throw new ExchangeTokenError('REPLAY_GUARD_UNAVAILABLE');
      throw error;
    }
    if (!first) throw new ExchangeTokenError('REPLAYED');
    return {
      system: payload.sub!,
      department: String(payload.dept ?? ''),
      purpose: String(payload.purpose ?? ''),
      exchangeId: String(payload.xid ?? ''),
      tokenId: payload.jti!,
    };
  }
}

function reasonOf(error: unknown): ExchangeTokenReason {
  if (error instanceof errors.JWTExpired) return 'TOKEN_EXPIRED';
  if (error instanceof errors.JWKSNoMatchingKey) return 'UNKNOWN_KEY';
  if (error instanceof errors.JWKSTimeout || (error instanceof errors.JOSEError && error.code === 'ERR_JWKS_INVALID')) {
    return 'JWKS_UNAVAILABLE';
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'BAD_SIGNATURE';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'BAD_AUDIENCE';
    if (error.claim === 'iss') return 'BAD_ISSUER';
    // jose fails the iat check of a token issued in the future (one issued too long ago is JWTExpired, above).
    if ((error.claim === 'iat' || error.claim === 'nbf') && error.reason === 'check_failed') return 'TOKEN_NOT_YET_VALID';
    return 'MALFORMED_TOKEN';
  }
  // Network failures fetching the JWKS surface as plain errors.
  if (!(error instanceof errors.JOSEError)) return 'JWKS_UNAVAILABLE';
  return 'MALFORMED_TOKEN';
}
