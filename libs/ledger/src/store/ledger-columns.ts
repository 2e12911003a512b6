import { canonicalJson, sealCanonical } from '../ledger-hash.js';
import { encodeContentBytes } from './content-codec.js';
import { gradeWith, listedField, packOwners, type ListedField } from './field-list.js';
import { indexCommitment, INDEX_KEY } from './index-commitment.js';
import type { LedgerEntry, LedgerPosition } from '../ledger-entry.js';
import type { LedgerFieldEntity } from '../entities/ledger-field.entity.js';
import type { LedgerOperationEntity } from '../entities/ledger-operation.entity.js';
import type { LedgerRecordEntity } from '../entities/ledger-record.entity.js';
import type { LedgerSubjectEntity } from '../entities/ledger-subject.entity.js';

/** An entry about to be appended, with the operation document it references (stored once). */
export interface PendingEntry {
  entry: LedgerEntry;
  operation: { hash: string; document: string } | null;
}

/** Text as PostgreSQL stores it: no NUL (refused in text columns), replaced by U+FFFD. */
export function storable(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text;
}

/**
 * A value as a column of `width` characters holds it. A cut through a
 * surrogate pair leaves half a character, which both databases store as
 * U+FFFD (UTF-8 has no lone surrogates): the cut value says so itself, so
 * that what the record's index commitment digests is what is stored.
 */
function fit(value: string | null, width: number): string | null {
  if (value === null) return null;
  const stored = storable(value);
  return stored.length > width ? stored.slice(0, width).toWellFormed() : stored;
}

type IndexColumns = Omit<LedgerRecordEntity, 'chain' | 'seq' | 'previousHash' | 'hash' | 'content'>;

/** The searchable columns of a record, derived from its entry (digested into its index commitment; verification re-derives them for records sealed without one). */
export function indexColumns(entry: LedgerEntry): IndexColumns {
  const columns = rawIndexColumns(entry);
  // Refused exchanges carry what an unauthenticated caller sent: it must fit, whatever it was.
  return {
    ...columns,
    exchangeId: fit(columns.exchangeId, 64)!,
    system: fit(columns.system, 128),
    department: fit(columns.department, 64),
    purpose: fit(columns.purpose, 64),
    traceId: fit(columns.traceId, 32),
  };
}

function rawIndexColumns(entry: LedgerEntry): IndexColumns {
  const base = { exchangeId: entry.exchangeId, kind: entry.kind, department: null, purpose: null, maxLevelRank: null };
  switch (entry.kind) {
    case 'exchange':
      return {
        ...base,
        startedAt: entry.startedAt,
        system: entry.caller.system,
        department: entry.caller.department,
        purpose: entry.purpose,
        decision: entry.decision,
        maxLevelRank: entry.grade.maxLevelRank,
        traceId: entry.traceId,
        operationHash: entry.operation.hash,
      };
    case 'admin':
      return { ...base, startedAt: entry.startedAt, system: entry.user, decision: entry.decision, traceId: entry.traceId, operationHash: entry.operation.hash };
    default:
      return { ...base, startedAt: entry.at, system: entry.actor, decision: 'ALLOWED', traceId: null, operationHash: null };
  }
}

/**
 * The field rows of a record (exchanges only): one per owner department, in
 * the order its first field was selected, each with its fields listed as
 * packFields lists them and graded as gradeOf grades them. Built in one
 * plain loop (verification derives these for records sealed without an
 * index commitment).
 */
export function fieldRows(chain: string, seq: number, entry: LedgerEntry, ranks: ReadonlyMap<string, number>): LedgerFieldEntity[] {
  if (entry.kind !== 'exchange') return [];
  const rows: LedgerFieldEntity[] = [];
  for (const field of entry.fields) {
    const listed: ListedField = { coordinate: field.coordinate, levelRank: ranks.get(field.level) ?? ranks.size, outcome: field.outcome };
    // Owners are a handful of departments: a scan beats a map here.
    let row: LedgerFieldEntity | undefined;
    for (const candidate of rows) {
      if (candidate.owner === field.owner) {
        row = candidate;
        break;
      }
    }
    if (row) {
      row.fields += `,${listedField(listed)}`;
      row.grade = gradeWith(row.grade, listed);
    } else {
      rows.push({ chain, seq, owner: field.owner, startedAt: entry.startedAt, grade: gradeWith(-1, listed), fields: listedField(listed) });
    }
  }
  return rows;
}

/** The data-subject rows of a record: one per subject, with its owner departments (exchanges that released data about a subject only). */
export function subjectRows(chain: string, seq: number, entry: LedgerEntry): LedgerSubjectEntity[] {
  if (entry.kind !== 'exchange' || !entry.subjects) return [];
  const [only] = entry.subjects;
  // Most exchanges are about one subject: its row without the map below.
  if (entry.subjects.length === 1 && only) return [{ chain, seq, token: only.token, startedAt: entry.startedAt, owners: packOwners(only.owners) }];
  const owners = new Map<string, string[]>();
  for (const subject of entry.subjects) owners.set(subject.token, [...(owners.get(subject.token) ?? []), ...subject.owners]);
  return [...owners].map(([token, of]) => ({ chain, seq, token, startedAt: entry.startedAt, owners: packOwners(of) }));
}

/** Rows sealed onto a chain after `head`: one record (and its field rows) per entry, each hashed over the one before. */
export function sealEntries(chain: string, head: { seq: number; hash: string }, pending: readonly PendingEntry[], ranks: ReadonlyMap<string, number>) {
  const records: LedgerRecordEntity[] = [];
  const fields: LedgerFieldEntity[] = [];
  const subjects: LedgerSubjectEntity[] = [];
  const positions: LedgerPosition[] = [];
  let { seq, hash } = head;
  for (const { entry } of pending) {
    const previousHash = hash;
    seq += 1;
    const columns = indexColumns(entry);
    const ownFields = fieldRows(chain, seq, entry, ranks);
    const ownSubjects = subjectRows(chain, seq, entry);
    // Sealed with the commitment to its index rows (index-commitment.ts); one the entry already held (a copy of a record read back) is replaced.
    const content = canonicalJson({ ...entry, [INDEX_KEY]: indexCommitment(columns, ownFields, ownSubjects) });
    hash = sealCanonical(previousHash, chain, seq, content);
    records.push({ chain, seq, previousHash, hash, content, ...columns });
    fields.push(...ownFields);
    subjects.push(...ownSubjects);
    positions.push({ chain, seq, hash });
  }
  return { records, fields, subjects, positions };
}

/**
 * The searchable columns every record has, in the order exports show them
 * (the store's column list and the CSV export's both start with these).
 */
export const RECORD_HEAD_COLUMNS = ['chain', 'seq', 'exchange_id', 'kind', 'started_at', 'system', 'department', 'purpose', 'decision'] as const;

/** The columns of ledger_record, in the order of `recordValues`. */
export const RECORD_COLUMNS = [...RECORD_HEAD_COLUMNS, 'max_level_rank', 'trace_id', 'operation_hash', 'previous_hash', 'hash', 'content'] as const;

/** A record's values; its content in the stored form (content-codec.ts), or in the one `encode` gives (tests of ledgers written earlier). */
export function recordValues(row: LedgerRecordEntity, encode: (canonical: string) => string | Buffer = encodeContentBytes): unknown[] {
  return [
    row.chain,
    row.seq,
    row.exchangeId,
    row.kind,
    row.startedAt,
    row.system,
    row.department,
    row.purpose,
    row.decision,
    row.maxLevelRank,
    row.traceId,
    row.operationHash,
    row.previousHash,
    row.hash,
    encode(row.content),
  ];
}

export const FIELD_COLUMNS = ['chain', 'seq', 'owner', 'started_at', 'grade', 'fields'] as const;

export function fieldValues(row: LedgerFieldEntity): unknown[] {
  return [row.chain, row.seq, row.owner, row.startedAt, row.grade, row.fields];
}

export const SUBJECT_COLUMNS = ['chain', 'seq', 'token', 'started_at', 'owners'] as const;
export const SUBJECT_TYPES = ['text', 'int', 'text', 'text', 'text'] as const;

export function subjectValues(row: LedgerSubjectEntity): unknown[] {
  return [row.chain, row.seq, row.token, row.startedAt, row.owners];
}

export const OPERATION_COLUMNS = ['hash', 'document', 'first_seen_at'] as const;

export function operationValues(row: LedgerOperationEntity): unknown[] {
  return [row.hash, row.document, row.firstSeenAt];
}

/** Column types of RECORD_COLUMNS and FIELD_COLUMNS for PostgreSQL's unnest(); varchar columns take text and check their length on insert. */
export const RECORD_TYPES = ['text', 'int', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'int', 'text', 'text', 'text', 'text', 'bytea'] as const;
export const FIELD_TYPES = ['text', 'int', 'text', 'text', 'int', 'text'] as const;

/** The operation documents of a group, each once. */
export function uniqueOperations(pending: readonly PendingEntry[], now: string): LedgerOperationEntity[] {
  const byHash = new Map<string, LedgerOperationEntity>();
  for (const { operation } of pending) {
    // The document is stored as text: a NUL (possible in text that did not even parse) would be refused by PostgreSQL.
    if (operation && !byHash.has(operation.hash)) byHash.set(operation.hash, { hash: operation.hash, document: storable(operation.document), firstSeenAt: now });
  }
  return [...byHash.values()];
}
