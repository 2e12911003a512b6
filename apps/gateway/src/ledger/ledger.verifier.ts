import type { JSONWebKeySet } from 'jose';
import { canonicalJson, ChainVerifier, verifyCheckpoint, type ChainBreak } from '#ledger';
import { LedgerFieldEntity } from './ledger-field.entity.js';
import { fieldRows, indexColumns, type LedgerStore } from './ledger.store.js';

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
export async function verifyLedger(store: LedgerStore, trustedKeys: JSONWebKeySet): Promise<VerificationReport> {
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

  const fields = fieldStream(store);
  let nextField = await fields.next();
  for await (const record of store.records()) {
    const entry = verifier.push(record);
    if (!entry) break;
    const where = { chain: record.chain, seq: record.seq };
    const columns = indexColumns(entry);
    const differing = (Object.keys(columns) as Array<keyof typeof columns>).filter((key) => columns[key] !== record[key]);
    if (differing.length > 0) {
      verifier.fail({ ...where, reason: 'INDEX_MISMATCH', detail: `searchable columns differ from the sealed content: ${differing.join(', ')}` });
      break;
    }
    const rows: LedgerFieldEntity[] = [];
    while (!nextField.done && (nextField.value.chain < record.chain || (nextField.value.chain === record.chain && nextField.value.seq <= record.seq))) {
      rows.push(nextField.value);
      nextField = await fields.next();
    }
    if (canonicalJson(rows) !== canonicalJson(fieldRows(record.chain, record.seq, entry, store.levelRanks))) {
      verifier.fail({ ...where, reason: 'INDEX_MISMATCH', detail: 'field rows differ from the sealed content' });
      break;
    }
    const checkpoint = expected.get(`${record.chain}\u0000${record.seq}`);
    if (checkpoint) {
      if (checkpoint.hash !== record.hash) {
        verifier.fail({ ...where, reason: 'CHECKPOINT_MISMATCH', detail: 'the record differs from the one a signed checkpoint sealed' });
        break;
      }
      expected.delete(checkpoint.at);
    }
  }
  await fields.return(undefined);
  if (!verifier.result.broken && !nextField.done) {
    verifier.fail({ chain: nextField.value.chain, seq: nextField.value.seq, reason: 'INDEX_MISMATCH', detail: 'field rows of a record that does not exist' });
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

async function* fieldStream(store: LedgerStore, pageSize = 2000): AsyncGenerator<LedgerFieldEntity> {
  let after: { chain: string; seq: number; position: number } | null = null;
  for (;;) {
    const query = store.dataSource.manager
      .createQueryBuilder(LedgerFieldEntity, 'f')
      .orderBy('f.chain', 'ASC')
      .addOrderBy('f.seq', 'ASC')
      .addOrderBy('f.position', 'ASC')
      .limit(pageSize);
    if (after) {
      query.where('(f.chain > :chain OR (f.chain = :chain AND (f.seq > :seq OR (f.seq = :seq AND f.position > :position))))', after);
    }
    const page = await query.getMany();
    for (const row of page) yield row;
    if (page.length < pageSize) return;
    const last: LedgerFieldEntity = page[page.length - 1]!;
    after = { chain: last.chain, seq: last.seq, position: last.position };
  }
}
