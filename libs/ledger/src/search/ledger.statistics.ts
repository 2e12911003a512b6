import type { EntityManager } from 'typeorm';
import { LedgerFieldEntity } from '../entities/ledger-field.entity.js';
import { LedgerRecordEntity } from '../entities/ledger-record.entity.js';
import type { LedgerReader } from '../store/ledger.reader.js';

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

type Range = { from: string; to: string };
type Row = Record<string, string | number>;

/** Aggregates over the records that started in [from, to), computed by the database. */
export async function ledgerStatistics(store: LedgerReader, from: string, to: string): Promise<LedgerStatistics> {
  const range = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  const manager = store.manager;
  const decisions = await store.raw<Row>(
    manager
      .createQueryBuilder(LedgerRecordEntity, 'r')
      .select('r.decision', 'decision')
      .addSelect('COUNT(*)', 'count')
      .where("r.started_at >= :from AND r.started_at < :to AND r.kind = 'exchange'", range)
      .groupBy('r.decision')
      .orderBy('decision', 'ASC'),
  );
  const gravest = await store.many(
    manager
      .createQueryBuilder(LedgerRecordEntity, 'r')
      .where('r.started_at >= :from AND r.started_at < :to AND r.max_level_rank IS NOT NULL', range)
      .orderBy('r.max_level_rank', 'DESC')
      .addOrderBy('r.started_at', 'DESC')
      .limit(10),
  );
  const coordinateCounts = (rows: Row[]) => rows.map((row) => ({ coordinate: String(row.coordinate), count: Number(row.count) }));
  return {
    pairs: await departmentPairs(store, range),
    decisions: decisions.map((row) => ({ decision: String(row.decision), count: Number(row.count) })),
    deniedFields: coordinateCounts(await topFields(store, range, true)),
    mostReadFields: coordinateCounts(await topFields(store, range, false)),
    gravest,
  };
}

/** Field rows of the records in range. */
function fieldsIn(manager: EntityManager, range: Range) {
  return manager
    .createQueryBuilder(LedgerFieldEntity, 'f')
    .innerJoin(LedgerRecordEntity, 'r', 'r.chain = f.chain AND r.seq = f.seq')
    .where('r.started_at >= :from AND r.started_at < :to', range);
}

async function departmentPairs(store: LedgerReader, range: Range): Promise<LedgerStatistics['pairs']> {
  const rows = await store.raw<Row>(
    fieldsIn(store.manager, range)
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
      .addOrderBy('"ownerDepartment"', 'ASC'),
  );
  return rows.map((row) => ({
    day: String(row.day),
    callerDepartment: String(row.callerDepartment),
    ownerDepartment: String(row.ownerDepartment),
    exchanges: Number(row.exchanges),
    fieldsServed: Number(row.fieldsServed),
    fieldsDenied: Number(row.fieldsDenied),
  }));
}

function topFields(store: LedgerReader, range: Range, denied: boolean): Promise<Row[]> {
  return store.raw<Row>(
    fieldsIn(store.manager, range)
      .select('f.coordinate', 'coordinate')
      .addSelect('COUNT(*)', 'count')
      .andWhere(denied ? "f.outcome = 'denied'" : "f.outcome <> 'denied'")
      .groupBy('f.coordinate')
      .orderBy('count', 'DESC')
      .addOrderBy('coordinate', 'ASC')
      .limit(10),
  );
}
