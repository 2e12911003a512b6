import type { JSONWebKeySet } from 'jose';
import { ChainVerifier, CHECKPOINTS, type ChainBreak } from '../chain-verifier.js';
import type { LedgerFieldEntity } from '../entities/ledger-field.entity.js';
import { canonicalJson } from '../ledger-hash.js';
import type { LedgerPosition } from '../ledger-entry.js';
import { fieldRows, indexColumns, subjectRows } from '../store/ledger-columns.js';
import type { LedgerReader } from '../store/ledger.reader.js';
import { CheckpointReplay } from './checkpoint.replay.js';

export interface VerificationReport {
  ok: boolean;
  /** Records whose chain, index columns and field rows verified. */
  verified: number;
  chains: number;
  checkpoints: number;
  broken: ChainBreak | null;
}

/**
 * Re-computes every chain of the ledger and replays its checkpoints:
 *   - the checkpoints form one unbroken, signed, linked sequence from
 *     number 1 (a removed or rewritten checkpoint is found at its number);
 *   - each record follows from the one before it (sequence, previous hash)
 *     and its content still hashes to its seal;
 *   - its searchable columns and field rows still say what its content says
 *     (else a record could be hidden from searches without touching the seal);
 *   - every record a checkpoint sealed is there with that hash (a chain cut
 *     behind a checkpoint, or removed whole, is found), and every chain with
 *     records was announced by a checkpoint before its first record.
 * Records are read in key order, page by page.
 *
 * `only`: verify these chains alone (with every checkpoint), so that
 * processes verifying different chains together verify the whole ledger in
 * parallel (`causeway ledger chains | xargs -P N …`); the checks that span
 * chains (a chain no checkpoint announced, rows of a chain without records)
 * are then made for these chains.
 */
export async function verifyLedger(
  store: LedgerReader,
  trustedKeys: JSONWebKeySet,
  levelRanks: ReadonlyMap<string, number>,
  only: readonly string[] | null = null,
): Promise<VerificationReport> {
  const chosen = (chain: string) => only === null || only.includes(chain);
  const verifier = new ChainVerifier();
  const replay = new CheckpointReplay(trustedKeys);
  const checkpoints = await store.checkpoints();
  const headRows = new Map<number, LedgerPosition[]>();
  for (const row of await store.checkpointHeads()) headRows.set(row.number, [...(headRows.get(row.number) ?? []), row]);
  for (const checkpoint of checkpoints) {
    const broken = await replay.push(checkpoint, headRows.get(checkpoint.number) ?? []);
    if (broken) return report(verifier, replay.count, broken);
    headRows.delete(checkpoint.number);
  }
  // The rows that let records be removed must be exactly the removals tombstones signed.
  const stored = (await store.prunedRows()).map(({ number, chain, seq, hash, archive }) => ({ number, chain, seq, hash, archive }));
  if (canonicalJson(stored.sort(byPlace)) !== canonicalJson([...replay.tombstones].sort(byPlace))) {
    return report(verifier, replay.count, { chain: CHECKPOINTS, seq: 0, reason: 'INDEX_MISMATCH', detail: 'the stored tombstone rows differ from the tombstones the checkpoints signed' });
  }
  const [stray] = headRows.keys();
  if (stray !== undefined) return report(verifier, replay.count, { chain: CHECKPOINTS, seq: stray, reason: 'INDEX_MISMATCH', detail: 'head rows of a checkpoint that does not exist' });
  const expected = new Map([...replay.sealed].filter(([key]) => chosen(key.split('\u0000')[0]!)).map(([key, { hash }]) => [key, hash]));
  const recordChains = (await store.chains()).filter(chosen);
  // Chain by chain, so records and field rows meet on seq numbers alone (no string collation involved).
  for (const chain of recordChains) {
    if (!replay.announced.has(chain)) {
      verifier.fail({ chain, seq: 1, reason: 'CHAIN_UNANNOUNCED', detail: 'a chain no checkpoint announced: its records were not written by a gateway' });
      break;
    }
    if (!(await verifyChain(store, chain, verifier, levelRanks, expected, replay.pruned.get(chain)))) break;
  }
  if (!verifier.result.broken) {
    for (const table of ['ledger_field', 'ledger_subject'] as const) {
      const orphan = (await store.chains(table)).find((chain) => chosen(chain) && !recordChains.includes(chain));
      if (orphan) {
        verifier.fail({ chain: orphan, seq: 0, reason: 'INDEX_MISMATCH', detail: `${table === 'ledger_field' ? 'field' : 'data-subject'} rows of a chain that has no records` });
        break;
      }
    }
  }
  if (!verifier.result.broken) {
    const missing = unmet(expected, replay, (chain) => verifier.head(chain)?.seq);
    if (missing) verifier.fail(missing);
  }
  return report(verifier, replay.count, null);
}

/** The first sealed record never reached: its whole chain removed, or the chain cut after it was sealed. */
export function unmet(expected: ReadonlyMap<string, string>, replay: CheckpointReplay, endOf: (chain: string) => number | undefined): ChainBreak | null {
  const [key] = expected.keys();
  if (key === undefined) return null;
  const [chain, seqText] = key.split('\u0000') as [string, string];
  const seq = Number(seqText);
  const by = replay.sealed.get(key)!.number;
  const end = endOf(chain);
  if (end === undefined) return { chain, seq, reason: 'CHAIN_MISSING', detail: `checkpoint ${by} sealed this chain up to record ${seq}; it has no records: the chain was removed` };
  return { chain, seq, reason: 'CHECKPOINT_RECORD_MISSING', detail: `checkpoint ${by} sealed record ${seq}, the chain ends at ${end}: records were removed` };
}

/**
 * One chain: each record after the one before, its columns and field rows
 * as its content says, and the records checkpoints sealed (removed from
 * `expected` once met). False at the first break.
 */
type Pruned = { seq: number; hash: string } | undefined;
async function verifyChain(
  store: LedgerReader,
  chain: string,
  verifier: ChainVerifier,
  levelRanks: ReadonlyMap<string, number>,
  expected: Map<string, string>,
  pruned: Pruned,
): Promise<boolean> {
  const fields = new RowsBySeq(store.fieldRowsOf(chain));
  const subjects = new RowsBySeq(store.subjectRowsOf(chain));
  for await (const record of store.records({}, 2000, chain)) {
    // A chain whose first records a tombstone removed starts after them, from the hash it signed.
    if (pruned && record.seq === pruned.seq + 1) verifier.resume(chain, pruned);
    const entry = verifier.push(record);
    if (!entry) return false;
    const where = { chain: record.chain, seq: record.seq };
    const columns = indexColumns(entry);
    const differing = (Object.keys(columns) as Array<keyof typeof columns>).filter((key) => columns[key] !== record[key]);
    if (differing.length > 0) {
      verifier.fail({ ...where, reason: 'INDEX_MISMATCH', detail: `searchable columns differ from the sealed content: ${differing.join(', ')}` });
      return false;
    }
    if (!sameFields(await fields.upTo(record.seq), fieldRows(record.chain, record.seq, entry, levelRanks))) {
      verifier.fail({ ...where, reason: 'INDEX_MISMATCH', detail: 'field rows differ from the sealed content' });
      return false;
    }
    const storedSubjects = (await subjects.upTo(record.seq)).map(subjectKey).sort();
    if (storedSubjects.join('\u0001') !== subjectRows(record.chain, record.seq, entry).map(subjectKey).sort().join('\u0001')) {
      verifier.fail({ ...where, reason: 'INDEX_MISMATCH', detail: 'data-subject rows differ from the sealed content' });
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
  for (const [rows, kind] of [
    [fields, 'field'],
    [subjects, 'data-subject'],
  ] as const) {
    const stray = await rows.next();
    if (stray) {
      verifier.fail({ chain, seq: stray.seq, reason: 'INDEX_MISMATCH', detail: `${kind} rows of a record that does not exist` });
      return false;
    }
  }
  return true;
}

/** Rows of one chain in seq order, read page by page and taken record by record. */
class RowsBySeq<T extends { seq: number }> {
  private page: T[] = [];
  private at = 0;
  private done = false;

  constructor(private readonly pages: AsyncGenerator<T[]>) {}

  /** The rows up to and including `seq` not taken yet. */
  async upTo(seq: number): Promise<T[]> {
    const taken: T[] = [];
    for (;;) {
      while (this.at < this.page.length && this.page[this.at]!.seq <= seq) taken.push(this.page[this.at++]!);
      if (this.at < this.page.length || !(await this.more())) return taken;
    }
  }

  /** The next row not taken yet. */
  async next(): Promise<T | undefined> {
    if (this.at >= this.page.length && !(await this.more())) return undefined;
    return this.page[this.at++];
  }

  private async more(): Promise<boolean> {
    if (this.done) return false;
    const next = await this.pages.next();
    this.done = next.done === true;
    [this.page, this.at] = [next.done ? [] : next.value, 0];
    return this.page.length > 0;
  }
}

function byPlace(a: { number: number; chain: string }, b: { number: number; chain: string }): number {
  return a.number - b.number || (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0);
}

function subjectKey(row: { seq: number; token: string; owners: string; startedAt: string }): string {
  return `${row.seq}\u0000${row.token}\u0000${row.owners}\u0000${row.startedAt}`;
}

function report(verifier: ChainVerifier, checkpoints: number, broken: ChainBreak | null): VerificationReport {
  if (broken) verifier.fail(broken);
  const result = verifier.result;
  return { ok: result.broken === null, verified: result.verified, chains: result.chains, checkpoints, broken: result.broken };
}

/** Whether the stored field rows are exactly those the content gives, owner by owner and column by column. */
function sameFields(stored: readonly LedgerFieldEntity[], derived: readonly LedgerFieldEntity[]): boolean {
  if (stored.length !== derived.length) return false;
  const byOwner = new Map(derived.map((row) => [row.owner, row]));
  const columns = ['chain', 'seq', 'owner', 'startedAt', 'grade', 'fields'] as const;
  return stored.every((row) => {
    const expected = byOwner.get(row.owner);
    return expected !== undefined && columns.every((column) => row[column] === expected[column]);
  });
}
