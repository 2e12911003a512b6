import type { SelectQueryBuilder } from 'typeorm';
import { LedgerFieldEntity } from './ledger-field.entity.js';
import { LedgerRecordEntity } from './ledger-record.entity.js';
import type { LedgerStore } from './ledger.store.js';

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
}

export interface LedgerPage {
  records: LedgerRecordEntity[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export class InvalidCursorError extends Error {}

/** Newest first; the cursor is the last record's (started_at, chain, seq). */
export async function searchLedger(store: LedgerStore, filter: LedgerFilter, first: number, after: string | null): Promise<LedgerPage> {
  const query = filtered(store, filter).orderBy('r.started_at', 'DESC').addOrderBy('r.chain', 'DESC').addOrderBy('r.seq', 'DESC').limit(first + 1);
  if (after) {
    const cursor = decodeCursor(after);
    query.andWhere('(r.started_at < :cs OR (r.started_at = :cs AND (r.chain < :cc OR (r.chain = :cc AND r.seq < :cq))))', cursor);
  }
  const rows = await query.getMany();
  const records = rows.slice(0, first);
  const last = records[records.length - 1];
  return { records, hasNextPage: rows.length > first, endCursor: last ? encodeCursor(last) : null };
}

function filtered(store: LedgerStore, filter: LedgerFilter): SelectQueryBuilder<LedgerRecordEntity> {
  const query = store.dataSource.manager.createQueryBuilder(LedgerRecordEntity, 'r').where('1 = 1');
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
    const sub = query
      .subQuery()
      .select('1')
      .from(LedgerFieldEntity, 'f')
      .where(`f.chain = r.chain AND f.seq = r.seq AND ${condition}`)
      .getQuery();
    query.andWhere(`EXISTS ${sub}`, parameters);
  };
  if (filter.ownerDepartment) fieldExists('f.owner = :owner', { owner: filter.ownerDepartment });
  if (filter.coordinate) fieldExists('f.coordinate = :coordinate', { coordinate: filter.coordinate });
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

export interface LedgerStatistics {
  /** Exchanges per day between a calling department and an owning department. */
  pairs: Array<{ day: string; callerDepartment: string; ownerDepartment: string; exchanges: number; fieldsServed: number; fieldsDenied: number }>;
  decisions: Array<{ decision: string; count: number }>;
  /** Fields most often refused. */
  deniedFields: Array<{ coordinate: string; count: number }>;
  /** Fields most often served. */
  mostReadFields: Array<{ coordinate: string; count: number }>;
  /** The exchanges that released the highest levels, newest first among equals. */
  gravest: LedgerRecordEntity[];
}

/** Aggregates over the records that started in [from, to), computed by the database. */
export async function ledgerStatistics(store: LedgerStore, from: string, to: string): Promise<LedgerStatistics> {
  const range = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  const manager = store.dataSource.manager;
  const fields = () =>
    manager
      .createQueryBuilder(LedgerFieldEntity, 'f')
      .innerJoin(LedgerRecordEntity, 'r', 'r.chain = f.chain AND r.seq = f.seq')
      .where('r.started_at >= :from AND r.started_at < :to', range);
  const pairs = await fields()
    .select('substr(r.started_at, 1, 10)', 'day')
    .addSelect('r.department', 'callerDepartment')
    .addSelect('f.owner', 'ownerDepartment')
    .addSelect('COUNT(DISTINCT r.exchange_id)', 'exchanges')
    .addSelect("SUM(CASE WHEN f.outcome = 'denied' THEN 0 ELSE 1 END)", 'fieldsServed')
    .addSelect("SUM(CASE WHEN f.outcome = 'denied' THEN 1 ELSE 0 END)", 'fieldsDenied')
    .andWhere('r.department IS NOT NULL')
    .groupBy('substr(r.started_at, 1, 10)')
    .addGroupBy('r.department')
    .addGroupBy('f.owner')
    .orderBy('day', 'ASC')
    .addOrderBy('"callerDepartment"', 'ASC')
    .addOrderBy('"ownerDepartment"', 'ASC')
    .getRawMany<Record<string, string | number>>();
  const decisions = await manager
    .createQueryBuilder(LedgerRecordEntity, 'r')
    .select('r.decision', 'decision')
    .addSelect('COUNT(*)', 'count')
    .where("r.started_at >= :from AND r.started_at < :to AND r.kind = 'exchange'", range)
    .groupBy('r.decision')
    .orderBy('decision', 'ASC')
    .getRawMany<Record<string, string | number>>();
  const topFields = (denied: boolean) =>
    fields()
      .select('f.coordinate', 'coordinate')
      .addSelect('COUNT(*)', 'count')
      .andWhere(denied ? "f.outcome = 'denied'" : "f.outcome <> 'denied'")
      .groupBy('f.coordinate')
      .orderBy('count', 'DESC')
      .addOrderBy('coordinate', 'ASC')
      .limit(10)
      .getRawMany<Record<string, string | number>>();
  const gravest = await manager
    .createQueryBuilder(LedgerRecordEntity, 'r')
    .where('r.started_at >= :from AND r.started_at < :to AND r.max_level_rank IS NOT NULL', range)
    .orderBy('r.max_level_rank', 'DESC')
    .addOrderBy('r.started_at', 'DESC')
    .limit(10)
    .getMany();
  return {
    pairs: pairs.map((row) => ({
      day: String(row.day),
      callerDepartment: String(row.callerDepartment),
      ownerDepartment: String(row.ownerDepartment),
      exchanges: Number(row.exchanges),
      fieldsServed: Number(row.fieldsServed),
      fieldsDenied: Number(row.fieldsDenied),
    })),
    decisions: decisions.map((row) => ({ decision: String(row.decision), count: Number(row.count) })),
    deniedFields: (await topFields(true)).map((row) => ({ coordinate: String(row.coordinate), count: Number(row.count) })),
    mostReadFields: (await topFields(false)).map((row) => ({ coordinate: String(row.coordinate), count: Number(row.count) })),
    gravest,
  };
}
