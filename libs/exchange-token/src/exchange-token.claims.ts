import { createHash } from 'node:crypto';

/** Ed25519: small keys, fast signatures, no parameter choices to get wrong. */
export const EXCHANGE_TOKEN_ALGORITHM = 'EdDSA';
/** Lifetime of an exchange token: one forwarded request, with room for clock skew. */
export const EXCHANGE_TOKEN_TTL_S = 30;
/** No bureau accepts an exchange token meant to live longer than this. */
export const EXCHANGE_TOKEN_MAX_TTL_S = 60;
export const DEFAULT_GATEWAY_ISSUER = 'causeway-gateway';

/** What the gateway asserts to a bureau about one forwarded request. */
export interface ExchangeClaims {
  /** The bureau the request is for (JWT `aud`). */
  bureau: string;
  /** The calling system (JWT `sub`). */
  system: string;
  department: string;
  purpose: string;
  exchangeId: string;
  /** base64url SHA-256 of the exact request body. */
  bodyHash: string;
  /** W3C traceparent of the exchange, when there is one. */
  traceparent?: string;
}

export function bodyHash(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('base64url');
}
