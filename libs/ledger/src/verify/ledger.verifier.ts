import type { JSONWebKeySet } from 'jose';
import { ChainVerifier, type ChainBreak } from '../chain-verifier.js';
import { verifyCheckpoint } from '../checkpoint.js';
import type { LedgerCheckpointEntity } from '../entities/ledger-checkpoint.entity.js';
import type { LedgerFieldEntity } from '../entities/ledger-field.entity.js';
import { canonicalJson } from '../ledger-hash.js';
import { fieldRows, indexColumns } from '../store/ledger-columns.js';
import type { LedgerReader } from '../store/ledger.reader.js';

export interface VerificationReport {
  ok: boolean;
  /** Records whose chain, index columns and field rows verified. */
  verified: number;
  chains: number;
  checkpoints: number;
  broken: ChainBreak | null;
}

/**
 * Re-computes every chain of the ledger and checks every checkpoint:
 *   - each record follows from the one before it (sequence, previous hash)
 *     and its content still hashes to its seal;
 *   - its searchable columns and field rows still say what its content says
 *     (else a record could be hidden from searches without touching the seal);
 *   - each checkpoint carries a valid signature of a trusted gateway key and
 *     names a record that exists with that hash (a truncated chain misses it).
 * Reads in key order, page by page: constant memory for any ledger size.
 */
export async function verifyLedger(store: LedgerReader, trustedKeys: JSONWebKeySet, levelRanks: ReadonlyMap<string, number>): Promise<VerificationReport> {
  const verifier = new ChainVerifier();
  const checkpoints = await store.checkpoints();
  const signed = await signedCheckpoints(checkpoints, trustedKeys);
  if ('broken' in signed) return report(verifier, checkpoints.length, signed.broken);
  const expected = signed.expected;
  const recordChains = await store.chains();
  // Chain by chain, so records and field rows meet on seq numbers alone (no string collation involved).
  for (const chain of recordChains) {
    if (!(await verifyChain(store, chain, verifier, levelRanks, expected))) break;
  }
  if (!verifier.result.broken) {
    const orphan = (await store.chains('ledger_field')).find((chain) => !recordChains.includes(chain));
    if (orphan) verifier.fail({ chain: orphan, seq: 0, reason: 'INDEX_MISMATCH', detail: 'field rows of a chain that has no records' });
  }
  if (!verifier.result.broken) {
    // A checkpoint whose record was never reached: the chain was cut after it was sealed.
    const [missing] = checkpoints.filter((checkpoint) => expected.has(`${checkpoint.chain}\u0000${checkpoint.seq}`));
    if (missing) {
      verifier.fail({
        chain: missing.chain,
        seq: missing.seq,
        reason: 'CHECKPOINT_RECORD_MISSING',
        detail: `a signed checkpoint seals record ${missing.seq}, the chain ends at ${verifier.head(missing.chain)?.seq ?? 0}: records were removed`,
      });
    }
  }
  return report(verifier, checkpoints.length, null);
}

/** Every checkpoint's signature and claims; the records they seal, by chain and seq, or the first that fails. */
async function signedCheckpoints(checkpoints: readonly LedgerCheckpointEntity[], trustedKeys: JSONWebKeySet): Promise<{ expected: Map<string, string> } | { broken: ChainBreak }> {
  const expected = new Map<string, string>();
  for (const checkpoint of checkpoints) {
    const where = { chain: checkpoint.chain, seq: checkpoint.seq };
    try {
      const signed = await verifyCheckpoint(checkpoint.jws, trustedKeys);
      if (signed.chain !== checkpoint.chain || signed.seq !== checkpoint.seq || signed.hash !== checkpoint.hash) {
        return { broken: { ...where, reason: 'CHECKPOINT_MISMATCH', detail: 'the signed checkpoint says otherwise than its row' } };
      }
    } catch (error) {
      return { broken: { ...where, reason: 'CHECKPOINT_SIGNATURE', detail: `checkpoint signature does not verify with the trusted keys: ${(error as Error).message}` } };
    }
    expected.set(`${checkpoint.chain}\u0000${checkpoint.seq}`, checkpoint.hash);
  }
  return { expected };
}

/**
 * One chain: each record after the one before, its columns and field rows
 * as its content says, and the records checkpoints sealed (removed from
 * `expected` once met). False at the first break.
 */
async function verifyChain(store: LedgerReader, chain: string, verifier: ChainVerifier, levelRanks: ReadonlyMap<string, number>, expected: Map<string, string>): Promise<boolean> {
  const fields = store.fieldRowsOf(chain);
  let nextField = await fields.next();
  for await (const record of store.records({}, 1000, chain)) {
    const entry = verifier.push(record);
    if (!entry) return false;
    const where = { chain: record.chain, seq: record.seq };
    const columns = indexColumns(entry);
    const differing = (Object.keys(columns) as Array<keyof typeof columns>).filter((key) => columns[key] !== record[key]);
    if (differing.length > 0) {
      verifier.fail({ ...where, reason: 'INDEX_MISMATCH', detail: `searchable columns differ from the sealed content: ${differing.join(', ')}` });
      return false;
    }
    const rows: LedgerFieldEntity[] = [];
    while (!nextField.done && nextField.value.seq <= record.seq) {
      rows.push(nextField.value);
      nextField = await fields.next();
    }
    if (canonicalJson(rows.map(plainField)) !== canonicalJson(fieldRows(record.chain, record.seq, entry, levelRanks))) {
      verifier.fail({ ...where, reason: 'INDEX_MISMATCH', detail: 'field rows differ from the sealed content' });
      return false;
    }
    const key = `${record.chain}\u0000${record.seq}`;
    const sealed = expected.get(key);
    if (sealed !== undefined) {
      if (sealed !== record.hash) {
        verifier.fail({ ...where, reason: 'CHECKPOINT_MISMATCH', detail: 'the record differs from the one a signed checkpoint sealed' });
        return false;
      }
      expected.delete(key);
    }
  }
  if (!nextField.done) {
    verifier.fail({ chain, seq: nextField.value.seq, reason: 'INDEX_MISMATCH', detail: 'field rows of a record that does not exist' });
    return false;
  }
  return true;
}

function report(verifier: ChainVerifier, checkpoints: number, broken: ChainBreak | null): VerificationReport {
  if (broken) verifier.fail(broken);
  const result = verifier.result;
  return { ok: result.broken === null, verified: result.verified, chains: result.chains, checkpoints, broken: result.broken };
}

/** A field row as plain data (the entity instance's own keys, in a fixed shape). */
function plainField(row: LedgerFieldEntity): LedgerFieldEntity {
  const { chain, seq, position, coordinate, owner, levelRank, outcome, startedAt } = row;
  return { chain, seq, position, coordinate, owner, levelRank, outcome, startedAt };
}
