import { createLocalJWKSet, jwtVerify, SignJWT, type CryptoKey, type JSONWebKeySet } from 'jose';
import type { LedgerPosition } from './ledger-entry.js';

/** JOSE `typ` of a ledger checkpoint, so no other token of the gateway's key passes for one. */
export const CHECKPOINT_TYPE = 'causeway-ledger-checkpoint';
const ALGORITHM = 'EdDSA';

/**
 * A signed statement of a chain's head: "chain C had N records, the last
 * sealed by hash H", as a JWS made with the gateway's signing key, so it
 * verifies against the gateway's published JWKS. A record removed or
 * altered at or before a checkpoint cannot be hidden by re-computing the
 * chain: the signature would have to be forged too.
 */
export async function signCheckpoint(head: LedgerPosition, signer: { kid: string; key: CryptoKey }, issuer: string, now = Date.now()): Promise<string> {
  return new SignJWT({ chain: head.chain, seq: head.seq, hash: head.hash })
    .setProtectedHeader({ alg: ALGORITHM, kid: signer.kid, typ: CHECKPOINT_TYPE })
    .setIssuer(issuer)
    .setIssuedAt(Math.floor(now / 1000))
    .sign(signer.key);
}

/** The head a checkpoint vouches for; throws when the signature, type or content does not hold. */
export async function verifyCheckpoint(jws: string, jwks: JSONWebKeySet): Promise<LedgerPosition & { issuedAt: number }> {
  const { payload } = await jwtVerify(jws, createLocalJWKSet(jwks), { typ: CHECKPOINT_TYPE, algorithms: [ALGORITHM] });
  const { chain, seq, hash, iat } = payload as { chain?: unknown; seq?: unknown; hash?: unknown; iat?: unknown };
  if (typeof chain !== 'string' || !Number.isInteger(seq) || typeof hash !== 'string' || typeof iat !== 'number') {
    throw new Error('checkpoint payload is not a chain head');
  }
  return { chain, seq: seq as number, hash, issuedAt: iat };
}
