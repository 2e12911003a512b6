import type { SelectQueryBuilder } from 'typeorm';
import { LedgerFieldEntity } from '../entities/ledger-field.entity.js';
import { LedgerRecordEntity } from '../entities/ledger-record.entity.js';
import { LedgerSubjectEntity } from '../entities/ledger-subject.entity.js';
import { coordinateNeedle, ownerNeedle } from '../store/field-list.js';
import type { LedgerReader } from '../store/ledger.reader.js';

/** What an auditor can search records by; every criterion narrows the result. */
export interface LedgerFilter {
  /** ISO instants: records that started in [from, to). */
  from?: string | null;
  to?: string | null;
  kind?: string | null;
  system?: string | null;
  /** The caller's department. */
  department?: string | null;
  /** Records that selected a field this department owns. */
  ownerDepartment?: string | null;
  decision?: string | null;
  /** Records that served a field at this level rank or above. */
  minLevelRank?: number | null;
  /** Records that selected this `Type.field`. */
  coordinate?: string | null;
  purpose?: string | null;
  traceId?: string | null;
  exchangeId?: string | null;
  /** Records that released data about the subject these tokens name (SubjectKeyring.lookupTokens). */
  subjectTokens?: readonly string[] | null;
  /** With subjectTokens: only where this department's fields about the subject were served. */
  subjectOwner?: string | null;
}

export interface LedgerPage {
  records: LedgerRecordEntity[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export class InvalidCursorError extends Error {}

/** Newest first; the cursor is the last record's (started_at, chain, seq). */
export async function searchLedger(store: LedgerReader, filter: LedgerFilter, first: number, after: string | null): Promise<LedgerPage> {
  const query = filtered(store, filter)
    .orderBy('r.started_at', 'DESC')
    .addOrderBy('r.chain', 'DESC')
    .addOrderBy('r.seq', 'DESC')
    .limit(first + 1);
  if (after) {
    const cursor = decodeCursor(after);
    // `r.started_at <= :cs` first: the range an index serves; the OR alone is read as a filter from the newest record on.
    query.andWhere('r.started_at <= :cs AND (r.started_at < :cs OR (r.started_at = :cs AND (r.chain < :cc OR (r.chain = :cc AND r.seq < :cq))))', cursor);
  }
  const rows = await store.many(query);
  const records = rows.slice(0, first);
  const last = records[records.length - 1];
  return { records, hasNextPage: rows.length > first, endCursor: last ? encodeCursor(last) : null };
}

function filtered(store: LedgerReader, filter: LedgerFilter): SelectQueryBuilder<LedgerRecordEntity> {
  const query = store.manager.createQueryBuilder(LedgerRecordEntity, 'r').where('1 = 1');
  const equal = (column: string, value: string | null | undefined, name: string) => {
    if (value !== null && value !== undefined) query.andWhere(`r.${column} = :${name}`, { [name]: value });
  };
  if (filter.from) query.andWhere('r.started_at >= :from', { from: new Date(filter.from).toISOString() });
  if (filter.to) query.andWhere('r.started_at < :to', { to: new Date(filter.to).toISOString() });
  equal('kind', filter.kind, 'kind');
  equal('system', filter.system, 'system');
  equal('department', filter.department, 'department');
  equal('decision', filter.decision, 'decision');
  equal('purpose', filter.purpose, 'purpose');
  equal('trace_id', filter.traceId, 'traceId');
  equal('exchange_id', filter.exchangeId, 'exchangeId');
  if (filter.minLevelRank !== null && filter.minLevelRank !== undefined) query.andWhere('r.max_level_rank >= :minLevelRank', { minLevelRank: filter.minLevelRank });
  const fieldExists = (condition: string, parameters: Record<string, unknown>) => {
    const sub = query.subQuery().select('1').from(LedgerFieldEntity, 'f').where(`f.chain = r.chain AND f.seq = r.seq AND ${condition}`).getQuery();
    query.andWhere(`EXISTS ${sub}`, parameters);
  };
  if (filter.ownerDepartment) fieldExists('f.owner = :owner', { owner: filter.ownerDepartment });
  // Lists (field-list.ts) are searched by position, not LIKE, which SQLite reads without regard to case and which takes `_` as a wildcard.
  const position = query.connection.options.type === 'postgres' ? 'strpos' : 'instr';
  if (filter.coordinate) {
    // The owner's field list holds the coordinate when `',' || fields` contains `,coordinate `.
    fieldExists(`${position}(',' || f.fields, :coordinate) > 0`, { coordinate: coordinateNeedle(filter.coordinate) });
  }
  if (filter.subjectTokens) {
    // A subject is rare: its records are found from its own index and joined by key (with the month, on PostgreSQL's
    // partitions), not by walking every record newest first — which PostgreSQL chose for `(chain, seq) IN (…)`: 30 s at
    // 10 million records. No token can match an empty list; `IN ()` is not SQL.
    const tokens = filter.subjectTokens.length > 0 ? [...filter.subjectTokens] : [''];
    const owner = filter.subjectOwner ? ` AND ${position}(',' || s.owners || ',', :subjectOwner) > 0` : '';
    query.innerJoin(
      (sub) =>
        sub
          .distinct(true)
          .select('s.chain', 'chain')
          .addSelect('s.seq', 'seq')
          .addSelect('s.started_at', 'started_at')
          .from(LedgerSubjectEntity, 's')
          .where(`s.token IN (:...subjectTokens)${owner}`),
      'subject',
      'subject.chain = r.chain AND subject.seq = r.seq AND subject.started_at = r.started_at',
      { subjectTokens: tokens, subjectOwner: filter.subjectOwner ? ownerNeedle(filter.subjectOwner) : null },
    );
  }
  return query;
}

function encodeCursor(record: LedgerRecordEntity): string {
  return Buffer.from(JSON.stringify([record.startedAt, record.chain, record.seq])).toString('base64url');
}

function decodeCursor(cursor: string): { cs: string; cc: string; cq: number } {
  try {
    const [cs, cc, cq] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown, unknown];
    if (typeof cs === 'string' && typeof cc === 'string' && Number.isInteger(cq)) return { cs, cc, cq: cq as number };
  } catch {
    // fall through
  }
  throw new InvalidCursorError('not a cursor this API returned');
}
