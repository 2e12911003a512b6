import { createLocalJWKSet, jwtVerify, SignJWT, type CryptoKey, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { canonicalJson, sha256 } from './ledger-hash.js';
import type { LedgerPosition } from './ledger-entry.js';

/** JOSE `typ` of a ledger checkpoint, so no other token of the gateway's key passes for one. */
export const CHECKPOINT_TYPE = 'causeway-ledger-checkpoint';
const ALGORITHM = 'EdDSA';

/**
 * What a checkpoint states: it is number `number` of the ledger's one
 * sequence of checkpoints (all replicas share it), it follows the
 * checkpoint whose hash is `previous`, and since then these chains moved to
 * these heads (`heads`: every chain whose head changed, a new chain at seq 0
 * when it is announced, before its first record). Replaying the sequence
 * from number 1 gives the head of every chain the ledger ever had, so each
 * checkpoint commits to all of them: removing a chain, cutting one behind a
 * checkpoint, or removing a checkpoint breaks a signature or a link.
 */
export interface CheckpointStatement {
  number: number;
  previous: string;
  heads: LedgerPosition[];
  /**
   * A tombstone's: the records of each chain up to and including `seq`
   * (whose hash was `hash`) were archived and removed from the database.
   * Verification then starts that chain after `seq`, from `hash`.
   */
  pruned?: LedgerPosition[];
  /** With `pruned`: SHA-256 of the archive file that holds what was removed. */
  archive?: string;
}

/** What a checkpoint signs and its hash covers; a tombstone's two fields only when present, so earlier checkpoints keep their hashes. */
function signed(statement: CheckpointStatement): Record<string, unknown> {
  const { number, previous, heads, pruned, archive } = statement;
  return { number, previous, heads, ...(pruned ? { pruned: pruned.map(({ chain, seq, hash }) => ({ chain, seq, hash })), archive } : {}) };
}

/** The hash the next checkpoint links to: SHA-256 of the statement in canonical JSON. */
export function checkpointHash(statement: CheckpointStatement): string {
  return sha256(canonicalJson(signed(statement)));
}

/** The statement as a JWS made with the gateway's signing key, so it verifies against the gateway's published JWKS. */
export async function signCheckpoint(statement: CheckpointStatement, signer: { kid: string; key: CryptoKey }, issuer: string, now = Date.now()): Promise<string> {
  return new SignJWT(signed(statement))
    .setProtectedHeader({ alg: ALGORITHM, kid: signer.kid, typ: CHECKPOINT_TYPE })
    .setIssuer(issuer)
    .setIssuedAt(Math.floor(now / 1000))
    .sign(signer.key);
}

/** The statement a checkpoint signs; throws when the signature, type or content does not hold. Keys: a JWKS, or jose's remote key set. */
export async function verifyCheckpoint(jws: string, keys: JSONWebKeySet | JWTVerifyGetKey): Promise<CheckpointStatement & { issuedAt: number }> {
  const { payload } = await jwtVerify(jws, typeof keys === 'function' ? keys : createLocalJWKSet(keys), { typ: CHECKPOINT_TYPE, algorithms: [ALGORITHM] });
  const { number, previous, heads, pruned, archive, iat } = payload as { number?: unknown; previous?: unknown; heads?: unknown; pruned?: unknown; archive?: unknown; iat?: unknown };
  const isHead = (head: unknown): head is LedgerPosition => {
    const { chain, seq, hash } = (head ?? {}) as Record<string, unknown>;
    return typeof chain === 'string' && Number.isInteger(seq) && (seq as number) >= 0 && typeof hash === 'string';
  };
  if (!Number.isInteger(number) || typeof previous !== 'string' || !Array.isArray(heads) || !heads.every(isHead) || typeof iat !== 'number') {
    throw new Error('checkpoint payload is not a ledger checkpoint');
  }
  const positions = (list: LedgerPosition[]) => list.map(({ chain, seq, hash }) => ({ chain, seq, hash }));
  if (pruned !== undefined && (!Array.isArray(pruned) || !pruned.every(isHead) || typeof archive !== 'string')) throw new Error('checkpoint payload is not a ledger tombstone');
  const tombstone = pruned ? { pruned: positions(pruned as LedgerPosition[]), archive: archive as string } : {};
  return { number: number as number, previous, heads: positions(heads), ...tombstone, issuedAt: iat };
}
