import type { JSONWebKeySet } from 'jose';
import { ChainVerifier, type ChainBreak } from '../chain-verifier.js';
import { verifyCheckpoint } from '../checkpoint.js';
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
  const expected = new Map<string, { hash: string; at: string }>();
  for (const checkpoint of checkpoints) {
    const at = `${checkpoint.chain}\u0000${checkpoint.seq}`;
    try {
      const signed = await verifyCheckpoint(checkpoint.jws, trustedKeys);
      if (signed.chain !== checkpoint.chain || signed.seq !== checkpoint.seq || signed.hash !== checkpoint.hash) {
        return report(verifier, checkpoints.length, { chain: checkpoint.chain, seq: checkpoint.seq, reason: 'CHECKPOINT_MISMATCH', detail: 'the signed checkpoint says otherwise than its row' });
      }
    } catch (error) {
      return report(verifier, checkpoints.length, {
        chain: checkpoint.chain,
        seq: checkpoint.seq,
        reason: 'CHECKPOINT_SIGNATURE',
        detail: `checkpoint signature does not verify with the trusted keys: ${(error as Error).message}`,
      });
    }
    expected.set(at, { hash: checkpoint.hash, at });
  }

  const recordChains = await store.chains();
  // Chain by chain, so records and field rows meet on seq numbers alone (no string collation involved).
  chains: for (const chain of recordChains) {
    const fields = store.fieldRowsOf(chain);
    let nextField = await fields.next();
    for await (const record of store.records({}, 1000, chain)) {
      const entry = verifier.push(record);
      if (!entry) break chains;
      const where = { chain: record.chain, seq: record.seq };
      const columns = indexColumns(entry);
      const differing = (Object.keys(columns) as Array<keyof typeof columns>).filter((key) => columns[key] !== record[key]);
      if (differing.length > 0) {
        verifier.fail({ ...where, reason: 'INDEX_MISMATCH', detail: `searchable columns differ from the sealed content: ${differing.join(', ')}` });
        break chains;
      }
      const rows: LedgerFieldEntity[] = [];
      while (!nextField.done && nextField.value.seq <= record.seq) {
        rows.push(nextField.value);
        nextField = await fields.next();
      }
      if (canonicalJson(rows.map(plainField)) !== canonicalJson(fieldRows(record.chain, record.seq, entry, levelRanks))) {
        verifier.fail({ ...where, reason: 'INDEX_MISMATCH', detail: 'field rows differ from the sealed content' });
        break chains;
      }
      const checkpoint = expected.get(`${record.chain}\u0000${record.seq}`);
      if (checkpoint) {
        if (checkpoint.hash !== record.hash) {
          verifier.fail({ ...where, reason: 'CHECKPOINT_MISMATCH', detail: 'the record differs from the one a signed checkpoint sealed' });
          break chains;
        }
        expected.delete(checkpoint.at);
      }
    }
    if (!nextField.done) {
      verifier.fail({ chain, seq: nextField.value.seq, reason: 'INDEX_MISMATCH', detail: 'field rows of a record that does not exist' });
      break;
    }
  }
  if (!verifier.result.broken) {
    const orphan = (await store.chains('ledger_field')).find((chain) => !recordChains.includes(chain));
    if (orphan) verifier.fail({ chain: orphan, seq: 0, reason: 'INDEX_MISMATCH', detail: 'field rows of a chain that has no records' });
  }
  if (!verifier.result.broken) {
    for (const checkpoint of checkpoints) {
      if (!expected.has(`${checkpoint.chain}\u0000${checkpoint.seq}`)) continue;
      verifier.fail({
        chain: checkpoint.chain,
        seq: checkpoint.seq,
        reason: 'CHECKPOINT_RECORD_MISSING',
        detail: `a signed checkpoint seals record ${checkpoint.seq}, the chain ends at ${verifier.head(checkpoint.chain)?.seq ?? 0}: records were removed`,
      });
      break;
    }
  }
  return report(verifier, checkpoints.length, null);
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
