import { createLocalJWKSet, jwtVerify, SignJWT, type CryptoKey, type JSONWebKeySet } from 'jose';
import type { LedgerPosition } from './ledger-entry.js';

/** JOSE `typ` of an exchange receipt, so neither a checkpoint nor any other token of the gateway's key passes for one. */
export const RECEIPT_TYPE = 'causeway-ledger-receipt';
const ALGORITHM = 'EdDSA';

/** What a receipt vouches for: this exchange is record `seq` of `chain`, sealed by `hash`. */
export interface Receipt extends LedgerPosition {
  exchangeId: string;
  /** The calling system the record names (null for a caller that never authenticated). */
  system: string | null;
  decision: string;
  issuedAt: number;
}

/**
 * A receipt the caller can keep: a compact JWS, signed with the gateway's
 * key (so it verifies offline against the published JWKS), stating where
 * the exchange's record sits and the hash that seals it. The record falls
 * under the first checkpoint of its chain at or after `seq`; `causeway
 * receipt verify` finds it. Anyone holding the receipt can later show that
 * the gateway recorded exactly this, and that the record was not changed.
 */
export async function signReceipt(receipt: Omit<Receipt, 'issuedAt'>, signer: { kid: string; key: CryptoKey }, issuer: string, now = Date.now()): Promise<string> {
  const { exchangeId, chain, seq, hash, system, decision } = receipt;
  return new SignJWT({ chain, seq, hash, system, decision })
    .setProtectedHeader({ alg: ALGORITHM, kid: signer.kid, typ: RECEIPT_TYPE })
    .setIssuer(issuer)
    .setSubject(exchangeId)
    .setIssuedAt(Math.floor(now / 1000))
    .sign(signer.key);
}

/** The statement of a receipt whose signature, type and content hold; throws otherwise. */
export async function verifyReceipt(jws: string, jwks: JSONWebKeySet): Promise<Receipt> {
  const { payload } = await jwtVerify(jws.trim(), createLocalJWKSet(jwks), { typ: RECEIPT_TYPE, algorithms: [ALGORITHM] });
  const { sub, chain, seq, hash, system, decision, iat } = payload as Record<string, unknown>;
  if (
    typeof sub !== 'string' ||
    typeof chain !== 'string' ||
    !Number.isInteger(seq) ||
    typeof hash !== 'string' ||
    (system !== null && typeof system !== 'string') ||
    typeof decision !== 'string' ||
    typeof iat !== 'number'
  ) {
    throw new Error('the receipt does not state a ledger record');
  }
  return { exchangeId: sub, chain, seq: seq as number, hash, system: system as string | null, decision, issuedAt: iat };
}
