import type { Principal } from './principal.js';

/** Why a caller was refused; the code is all the caller learns. */
export type AuthenticationReason =
  | 'MISSING_TOKEN'
  | 'MALFORMED_TOKEN'
  | 'TOKEN_TOO_LARGE'
  | 'ALGORITHM_NOT_ALLOWED'
  | 'UNKNOWN_SYSTEM'
  | 'UNKNOWN_PERSON'
  | 'UNKNOWN_ISSUER'
  | 'ISSUER_NOT_TRUSTED'
  | 'KEYS_UNAVAILABLE'
  | 'UNKNOWN_KEY'
  | 'BAD_SIGNATURE'
  | 'BAD_AUDIENCE'
  | 'BAD_ISSUER'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_NOT_YET_VALID'
  | 'INVALID_CLAIM'
  | 'TOKEN_TOO_LONG_LIVED'
  | 'REPLAYED'
  | 'REPLAY_GUARD_UNAVAILABLE';

export class AuthenticationError extends Error {
  readonly code = 'UNAUTHENTICATED';
  constructor(readonly reason: AuthenticationReason) {
    super(`authentication failed: ${reason}`);
    this.name = 'AuthenticationError';
  }
}

/**
 * A caller whose token was verified but whose purpose was refused: who it is, and the purpose it asked for (null: none,
 * or two headers naming two). Never a Principal, which has a purpose it may read for.
 */
export type VerifiedCaller = Pick<Principal, 'system' | 'department' | 'issuer' | 'tokenId'> & { refusedPurpose: string | null };

export class PurposeNotAllowedError extends Error {
  readonly code = 'PURPOSE_NOT_ALLOWED';
  /** Who declared it, when its token was verified first (a refusal is recorded as theirs). */
  readonly caller?: VerifiedCaller;

  constructor(
    readonly purpose: string | null,
    identity?: Omit<VerifiedCaller, 'refusedPurpose'>,
  ) {
    super(purpose ? `purpose "${purpose}" is not allowed for this system` : 'no purpose declared');
    this.name = 'PurposeNotAllowedError';
    if (identity) this.caller = { ...identity, refusedPurpose: purpose };
  }

  /** What the calling system is told: a purpose it may not declare, or none declared (or two headers, which declare none). */
  get callerMessage(): string {
    return this.purpose ? 'The declared purpose is not registered for this system.' : "No purpose was declared: name one, in the token's purpose claim or in one X-Causeway-Purpose header.";
  }
}
