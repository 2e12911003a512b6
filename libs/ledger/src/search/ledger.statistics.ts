import { LedgerRecordEntity } from '../entities/ledger-record.entity.js';
import type { LedgerReader } from '../store/ledger.reader.js';
import { decisionCounts, exchangesPerPair, fieldSums, hoursOf, type Range } from './rollup.reads.js';

export interface LedgerStatistics {
  /** Exchanges per day between a calling department and an owning department. */
  pairs: Array<{ day: string; callerDepartment: string; ownerDepartment: string; exchanges: number; fieldsServed: number; fieldsDenied: number }>;
  decisions: Array<{ decision: string; count: number }>;
  /** Exchanges per UTC day and decision, by day. */
  days: Array<{ day: string; decision: string; count: number }>;
  /** Fields most often refused. */
  deniedFields: Array<{ coordinate: string; count: number }>;
  /** Fields most often served. */
  mostReadFields: Array<{ coordinate: string; count: number }>;
  /** The exchanges that released the highest levels, newest first among equals. */
  gravest: LedgerRecordEntity[];
}

const TOP = 10;

/**
 * Aggregates over the exchanges that started in [from, to): whole hours of
 * the range from the statistics rollups (a few rows per hour, whatever the
 * traffic), the partial hours at its ends from the records themselves.
 */
export async function ledgerStatistics(store: LedgerReader, from: string, to: string): Promise<LedgerStatistics> {
  const range = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  const parts = hoursOf(range);
  const decisions = await decisionCounts(store, parts);
  const days = await decisionCounts(store, parts, true);
  const pairs = new Map<string, LedgerStatistics['pairs'][number]>();
  const pairOf = (day: string, callerDepartment: string, ownerDepartment: string) => {
    const id = `${day}\u0000${callerDepartment}\u0000${ownerDepartment}`;
    let pair = pairs.get(id);
    if (!pair) pairs.set(id, (pair = { day, callerDepartment, ownerDepartment, exchanges: 0, fieldsServed: 0, fieldsDenied: 0 }));
    return pair;
  };
  for (const row of await exchangesPerPair(store, parts)) pairOf(row.day, row.department, row.owner).exchanges += row.exchanges;
  for (const row of await fieldSums(store, parts, ['day', 'department', 'owner'])) {
    const pair = pairOf(row.day, row.department, row.owner);
    pair.fieldsServed += row.served + row.masked;
    pair.fieldsDenied += row.denied;
  }
  const coordinates = await fieldSums(store, parts, ['coordinate']);
  const top = (count: (row: (typeof coordinates)[number]) => number) =>
    coordinates
      .map((row) => ({ coordinate: row.coordinate, count: count(row) }))
      .filter((row) => row.count > 0)
      .sort((a, b) => b.count - a.count || (a.coordinate < b.coordinate ? -1 : a.coordinate > b.coordinate ? 1 : 0))
      .slice(0, TOP);
  return {
    pairs: [...pairs.values()]
      .filter((pair) => pair.callerDepartment !== '')
      .sort((a, b) => compare([a.day, a.callerDepartment, a.ownerDepartment], [b.day, b.callerDepartment, b.ownerDepartment])),
    decisions: decisions.map((row) => ({ decision: row.decision, count: row.exchanges })).sort((a, b) => compare([a.decision], [b.decision])),
    days: days.map((row) => ({ day: row.day!, decision: row.decision!, count: row.exchanges! })).sort((a, b) => compare([a.day, a.decision], [b.day, b.decision])),
    deniedFields: top((row) => row.denied),
    mostReadFields: top((row) => row.served + row.masked),
    gravest: await gravest(store, range),
  };
}

/**
 * The records of the range that released the highest levels, newest first
 * among equals: level by level from the highest, each an index range of
 * (level, started_at) read newest first, until ten are found.
 */
async function gravest(store: LedgerReader, range: Range): Promise<LedgerRecordEntity[]> {
  const found: LedgerRecordEntity[] = [];
  let below: number | null = null;
  while (found.length < TOP) {
    const query = store.manager.createQueryBuilder(LedgerRecordEntity, 'r').select('MAX(r.max_level_rank)', 'rank').where('r.max_level_rank IS NOT NULL');
    if (below !== null) query.andWhere('r.max_level_rank < :below', { below });
    const [top] = await store.raw<{ rank: number | string | null }>(query);
    if (top?.rank === null || top?.rank === undefined) break;
    below = Number(top.rank);
    found.push(
      ...(await store.many(
        store.manager
          .createQueryBuilder(LedgerRecordEntity, 'r')
          .where('r.max_level_rank = :rank AND r.started_at >= :from AND r.started_at < :to', { rank: below, ...range })
          .orderBy('r.started_at', 'DESC')
          .addOrderBy('r.chain', 'DESC')
          .addOrderBy('r.seq', 'DESC')
          .limit(TOP - found.length),
      )),
    );
  }
  return found;
}

function compare(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}
