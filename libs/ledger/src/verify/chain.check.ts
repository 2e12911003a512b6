import type { ChainBreak, ChainVerifier } from '../chain-verifier.js';
import type { LedgerFieldEntity } from '../entities/ledger-field.entity.js';
import type { StoredRecordRow } from '../entities/ledger-record.entity.js';
import type { LedgerSubjectEntity } from '../entities/ledger-subject.entity.js';
import type { LedgerEntry } from '../ledger-entry.js';
import { canonicalJson } from '../ledger-hash.js';
import { decodeContentToBytes } from '../store/content-codec.js';
import { committedIndex, indexCommitment } from '../store/index-commitment.js';
import { fieldRows, indexColumns, subjectRows } from '../store/ledger-columns.js';
import { WHOLE_CHAIN, type LedgerReader } from '../store/ledger.reader.js';

/** A chain's first records that a signed tombstone removed: the chain resumes after them, from the hash it signed. */
export type Pruned = { seq: number; hash: string } | undefined;

/**
 * Records read at a time (and field and subject rows, by as many seq
 * numbers: ledger.reader.ts). A page of 5,000 records holds about 10 MB of
 * content; 2,000 verified about a tenth slower on PostgreSQL, whose every
 * query is planned over the monthly partitions (bench/README.md).
 */
const PAGE = 5000;

/** The whole of a chain's seq numbers. */
export const WHOLE = { lo: 1, hi: WHOLE_CHAIN } as const;

/**
 * How a chain is checked beyond its hashes.
 *   range: the stretch of its seq numbers (default the whole chain);
 *   deep:  also derive every record's searchable columns, field and
 *          data-subject rows from its content, with `levelRanks`, and
 *          compare them with those stored, even where the rows match the
 *          index commitment the record sealed: a record sealed with rows
 *          that disagree with its content, or with content that is no
 *          ledger entry, passes the commitment alone (index-commitment.ts).
 *          Every record's content is then parsed: slower.
 */
export interface ChainChecks {
  range?: { lo: number; hi: number };
  deep?: boolean;
}

/**
 * One chain, or the stretch `range` of its seq numbers: each record after
 * the one before, its columns and field rows as it sealed them (and, deep,
 * as its content says), and the records checkpoints sealed (removed from
 * `expected` once met). False at the first break, which `verifier` then holds.
 */
export async function verifyChain(
  store: LedgerReader,
  chain: string,
  verifier: ChainVerifier,
  levelRanks: ReadonlyMap<string, number>,
  expected: Map<string, string>,
  pruned: Pruned,
  { range = WHOLE, deep = false }: ChainChecks = {},
): Promise<boolean> {
  const fields = new RowsBySeq(store.fieldRowsOf(chain, range));
  const subjects = new RowsBySeq(store.subjectRowsOf(chain, range));
  for await (const page of store.storedRecords({ chain, ...range }, PAGE)) {
    for (const record of page) {
      if (pruned && record.seq === pruned.seq + 1) verifier.resume(chain, pruned);
      // Inflated here, one record at a time, not a page ahead: its text lives no longer than its check.
      const content = verifier.follow({ chain: record.chain, seq: record.seq, previousHash: record.previousHash, hash: record.hash, content: decodeContentToBytes(record.content) });
      if (content === null) return false;
      // upTo() answers without a promise while its page lasts: two awaits per record were a measurable part of verifying one.
      const pendingFields = fields.upTo(record.seq);
      const storedFields = Array.isArray(pendingFields) ? pendingFields : await pendingFields;
      const pendingSubjects = subjects.upTo(record.seq);
      const storedSubjects = Array.isArray(pendingSubjects) ? pendingSubjects : await pendingSubjects;
      const broken = indexBreak(record, content, { fields: storedFields, subjects: storedSubjects }, levelRanks, deep);
      if (broken) {
        verifier.fail(broken);
        return false;
      }
      // Most records are sealed by no checkpoint entry still expected: no key to build for them.
      if (expected.size === 0) continue;
      const key = `${record.chain}\u0000${record.seq}`;
      const sealed = expected.get(key);
      if (sealed !== undefined) {
        if (sealed !== record.hash) {
          verifier.fail({ chain: record.chain, seq: record.seq, reason: 'CHECKPOINT_MISMATCH', detail: 'the record differs from the one a signed checkpoint sealed' });
          return false;
        }
        expected.delete(key);
      }
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

/**
 * Whether a record's stored searchable columns, field rows and data-subject
 * rows are the ones it sealed (index-commitment.ts), else the ones derived
 * from its content: sealed before commitments, `deep`, or to say what
 * differs. The rows were read up to its seq: one of an earlier seq belongs
 * to a record that does not exist (removed, or pruned and left behind),
 * which the digest (taken without seq numbers) cannot tell.
 */
function indexBreak(record: StoredRecordRow, content: string | Buffer, stored: StoredRows, levelRanks: ReadonlyMap<string, number>, deep: boolean): ChainBreak | null {
  const at = { chain: record.chain, seq: record.seq };
  for (const [rows, kind] of [
    [stored.fields, 'field'],
    [stored.subjects, 'data-subject'],
  ] as const) {
    const stray = rows.find((row) => row.seq !== record.seq);
    if (stray) return { chain: record.chain, seq: stray.seq, reason: 'INDEX_MISMATCH', detail: `${kind} rows of a record that does not exist` };
  }
  const committed = committedIndex(content);
  const asSealed = committed !== null && committed === indexCommitment(record, stored.fields, stored.subjects);
  if (asSealed && !deep) return null;
  let detail: string | null;
  try {
    const text = typeof content === 'string' ? content : content.toString('utf8');
    const entry = JSON.parse(text) as LedgerEntry;
    // Every writer seals its entry's canonical JSON (an export re-hashes exactly that): other sealed text was sealed by a
    // hand. Sealed bytes are compared as bytes: text decoded from bytes that are no UTF-8 replaces them, and would match.
    if (deep && !isText(content, canonicalJson(entry))) return { ...at, reason: 'CONTENT_NOT_CANONICAL', detail: 'the sealed text is not the canonical JSON of its entry' };
    detail = derivedMismatch(record, entry, stored, levelRanks);
  } catch {
    // Sealed text that is not JSON, or JSON that is no ledger entry: no writer sealed it as one.
    return { ...at, reason: 'CONTENT_UNREADABLE', detail: 'content is not a ledger entry' };
  }
  if (detail === null && committed !== null && !asSealed) detail = 'searchable columns or rows differ from those the record sealed';
  return detail === null ? null : { ...at, reason: 'INDEX_MISMATCH', detail };
}

function isText(content: string | Buffer, text: string): boolean {
  return typeof content === 'string' ? content === text : content.equals(Buffer.from(text));
}

type StoredRows = { fields: readonly LedgerFieldEntity[]; subjects: readonly LedgerSubjectEntity[] };

/**
 * What differs between a record's stored searchable columns and rows and
 * those its entry gives (null for nothing): each derived as the writer
 * derives it, with today's level ranks.
 */
function derivedMismatch(record: StoredRecordRow, entry: LedgerEntry, stored: StoredRows, levelRanks: ReadonlyMap<string, number>): string | null {
  const differing = differingColumns(record, indexColumns(entry));
  if (differing.length > 0) return `searchable columns differ from the sealed content: ${differing.join(', ')}`;
  if (!sameFields(stored.fields, fieldRows(record.chain, record.seq, entry, levelRanks))) return 'field rows differ from the sealed content';
  if (!sameSubjects(stored.subjects, subjectRows(record.chain, record.seq, entry))) return 'data-subject rows differ from the sealed content';
  return null;
}

/** Rows of one chain in seq order, read page by page and taken record by record. */
class RowsBySeq<T extends { seq: number }> {
  private page: T[] = [];
  private at = 0;
  private done = false;

  constructor(private readonly pages: AsyncGenerator<T[]>) {}

  /** The rows up to and including `seq` not taken yet: at once when the page in hand holds a later row. */
  upTo(seq: number): T[] | Promise<T[]> {
    const taken: T[] = [];
    while (this.at < this.page.length && this.page[this.at]!.seq <= seq) taken.push(this.page[this.at++]!);
    return this.at < this.page.length || this.done ? taken : this.rest(seq, taken);
  }

  private async rest(seq: number, taken: T[]): Promise<T[]> {
    while (await this.more()) {
      while (this.at < this.page.length && this.page[this.at]!.seq <= seq) taken.push(this.page[this.at++]!);
      if (this.at < this.page.length) break;
    }
    return taken;
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

type IndexColumns = ReturnType<typeof indexColumns>;

/** The searchable columns whose stored value is not the one the content gives (none, nearly always). */
function differingColumns(record: StoredRecordRow, columns: IndexColumns): readonly string[] {
  let differing: string[] | null = null;
  for (const key in columns) {
    if (columns[key as keyof IndexColumns] !== record[key as keyof IndexColumns]) (differing ??= []).push(key);
  }
  return differing ?? NONE;
}

const NONE: readonly string[] = Object.freeze([]);

/** Whether the stored data-subject rows are exactly those the content gives, in any order. */
function sameSubjects(stored: readonly LedgerSubjectEntity[], derived: readonly LedgerSubjectEntity[]): boolean {
  if (stored.length !== derived.length) return false;
  if (stored.length === 0) return true;
  // Most records have one subject: compared without building keys.
  if (stored.length === 1) return sameSubject(stored[0]!, derived[0]!);
  const keys = (rows: readonly LedgerSubjectEntity[]) => rows.map(subjectKey).sort().join('\u0001');
  return keys(stored) === keys(derived);
}

function sameSubject(a: LedgerSubjectEntity, b: LedgerSubjectEntity): boolean {
  return a.seq === b.seq && a.token === b.token && a.owners === b.owners && a.startedAt === b.startedAt;
}

function subjectKey(row: { seq: number; token: string; owners: string; startedAt: string }): string {
  return `${row.seq}\u0000${row.token}\u0000${row.owners}\u0000${row.startedAt}`;
}

/** Whether the stored field rows are exactly those the content gives, owner by owner and column by column. */
function sameFields(stored: readonly LedgerFieldEntity[], derived: readonly LedgerFieldEntity[]): boolean {
  if (stored.length !== derived.length) return false;
  // Each stored row against the derived row of its owner (a handful per record; owners are unique on both sides).
  for (const row of stored) {
    const expected = derived.find((candidate) => candidate.owner === row.owner);
    if (
      expected === undefined ||
      row.chain !== expected.chain ||
      row.seq !== expected.seq ||
      row.startedAt !== expected.startedAt ||
      row.grade !== expected.grade ||
      row.fields !== expected.fields
    ) {
      return false;
    }
  }
  return true;
}
