import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { LedgerFieldEntity } from '../entities/ledger-field.entity.js';
import { LedgerRecordEntity } from '../entities/ledger-record.entity.js';
import { LedgerRollupDecisionEntity, LedgerRollupFieldEntity, LedgerRollupPairEntity } from '../entities/ledger-rollup.entities.js';
import { unpackFields } from '../store/field-list.js';
import { hourOf } from '../store/ledger-rollups.js';
import type { LedgerReader } from '../store/ledger.reader.js';

/** Instants as the ledger stores them (toISOString): records that started in [from, to). */
export type Range = { from: string; to: string };

/** A range as the rollups can serve it: whole hours [from, to) of the rollups, and the partial hours at its ends, read from the records. */
export interface RangeParts {
  hours: { from: string; to: string } | null;
  edges: Range[];
}

const HOUR = 3_600_000;

export function hoursOf(range: Range): RangeParts {
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  const firstWhole = Math.ceil(from / HOUR) * HOUR;
  const lastWhole = Math.floor(to / HOUR) * HOUR;
  if (!(firstWhole < lastWhole)) return { hours: null, edges: from < to ? [range] : [] };
  const iso = (at: number) => new Date(at).toISOString();
  const edges = [...(from < firstWhole ? [{ from: range.from, to: iso(firstWhole) }] : []), ...(lastWhole < to ? [{ from: iso(lastWhole), to: range.to }] : [])];
  return { hours: { from: hourOf(iso(firstWhole)), to: hourOf(iso(lastWhole)) }, edges };
}

type Counts = Record<string, number>;
type Row = Record<string, string | number | null>;

/** Adds rows into one list per key (the `keys` columns), summing the `counts` columns. */
function merge(rowSets: readonly Row[][], keys: readonly string[], counts: readonly string[]): Array<Record<string, string> & Counts> {
  const merged = new Map<string, Record<string, string | number>>();
  for (const rows of rowSets) {
    for (const row of rows) {
      const id = keys.map((key) => String(row[key] ?? '')).join('\u0000');
      const into = merged.get(id) ?? Object.fromEntries([...keys.map((key) => [key, String(row[key] ?? '')]), ...counts.map((count) => [count, 0])]);
      merged.set(id, into);
      for (const count of counts) into[count] = (into[count] as number) + Number(row[count] ?? 0);
    }
  }
  return [...merged.values()] as Array<Record<string, string> & Counts>;
}

/** Groups and sums: over the rollup rows of the whole hours, and over the records of each partial hour. */
async function sums(
  store: LedgerReader,
  parts: RangeParts,
  keys: readonly string[],
  counts: readonly string[],
  rollup: (hours: { from: string; to: string }) => SelectQueryBuilder<ObjectLiteral>,
  scan: (edge: Range) => SelectQueryBuilder<ObjectLiteral>,
  expand: (rows: Row[]) => Row[] = (rows) => rows,
) {
  const rowSets: Row[][] = [];
  if (parts.hours) rowSets.push(await store.raw<Row>(rollup(parts.hours)));
  for (const edge of parts.edges) rowSets.push(expand(await store.raw<Row>(scan(edge))));
  return merge(rowSets, keys, counts);
}

/** Exchanges per decision, and per (UTC) day and decision. */
export function decisionCounts(store: LedgerReader, parts: RangeParts, perDay = false) {
  const day = (rollup: SelectQueryBuilder<ObjectLiteral>, column: string) => (perDay ? rollup.addSelect(`substr(${column}, 1, 10)`, 'day').addGroupBy(`substr(${column}, 1, 10)`) : rollup);
  return sums(
    store,
    parts,
    perDay ? ['day', 'decision'] : ['decision'],
    ['exchanges'],
    (hours) =>
      day(
        store.manager
          .createQueryBuilder(LedgerRollupDecisionEntity, 'x')
          .select('x.decision', 'decision')
          .addSelect('SUM(x.exchanges)', 'exchanges')
          .where('x.hour >= :from AND x.hour < :to', hours)
          .groupBy('x.decision'),
        'x.hour',
      ),
    (edge) =>
      day(
        store.manager
          .createQueryBuilder(LedgerRecordEntity, 'r')
          .select('r.decision', 'decision')
          .addSelect('COUNT(*)', 'exchanges')
          .where("r.kind = 'exchange' AND r.started_at >= :from AND r.started_at < :to", edge)
          .groupBy('r.decision'),
        'r.started_at',
      ),
  );
}

/** Exchanges per day, calling department and department whose fields they selected. */
export function exchangesPerPair(store: LedgerReader, parts: RangeParts) {
  return sums(
    store,
    parts,
    ['day', 'department', 'owner'],
    ['exchanges'],
    (hours) =>
      store.manager
        .createQueryBuilder(LedgerRollupPairEntity, 'x')
        .select('substr(x.hour, 1, 10)', 'day')
        .addSelect('x.department', 'department')
        .addSelect('x.owner', 'owner')
        .addSelect('SUM(x.exchanges)', 'exchanges')
        .where('x.hour >= :from AND x.hour < :to', hours)
        .groupBy('substr(x.hour, 1, 10)')
        .addGroupBy('x.department')
        .addGroupBy('x.owner'),
    (edge) =>
      fieldsOfRecords(store, edge)
        .select('substr(r.started_at, 1, 10)', 'day')
        .addSelect("COALESCE(r.department, '')", 'department')
        .addSelect('f.owner', 'owner')
        .addSelect('COUNT(DISTINCT r.exchange_id)', 'exchanges')
        .groupBy('substr(r.started_at, 1, 10)')
        .addGroupBy("COALESCE(r.department, '')")
        .addGroupBy('f.owner'),
  );
}

/** What a field-level sum groups by: a rollup column, and the same value computed from a record and its field row (null: from the field list). */
const FIELD_KEYS = {
  day: ['substr(x.hour, 1, 10)', 'substr(r.started_at, 1, 10)'],
  system: ['x.system', "COALESCE(r.system, '')"],
  department: ['x.department', "COALESCE(r.department, '')"],
  purpose: ['x.purpose', "COALESCE(r.purpose, '')"],
  owner: ['x.owner', 'f.owner'],
  coordinate: ['x.coordinate', null],
} as const;
export type FieldKey = keyof typeof FIELD_KEYS;
const OUTCOMES = ['served', 'masked', 'denied'] as const;

/**
 * Fields selected — served in clear, masked, denied — grouped by `keys`,
 * optionally of one owner's fields only and of identified callers only.
 * In the partial hours, field rows are grouped by their whole field list
 * (few distinct lists: callers repeat their operations) and each group's
 * list is counted out here.
 */
export function fieldSums(store: LedgerReader, parts: RangeParts, keys: readonly FieldKey[], only: { owner?: string; identified?: boolean } = {}) {
  const filter = <T extends ObjectLiteral>(query: SelectQueryBuilder<T>, side: 0 | 1) => {
    if (only.owner !== undefined) query.andWhere(`${FIELD_KEYS.owner[side]} = :owner`, { owner: only.owner });
    if (only.identified) query.andWhere(`${FIELD_KEYS.system[side]} <> ''`);
    return query;
  };
  const rollup = (hours: { from: string; to: string }) => {
    const query = store.manager.createQueryBuilder(LedgerRollupFieldEntity, 'x').where('x.hour >= :from AND x.hour < :to', hours);
    keys.forEach((key, i) => (i === 0 ? query.select(FIELD_KEYS[key][0], key) : query.addSelect(FIELD_KEYS[key][0], key)));
    for (const outcome of OUTCOMES) query.addSelect(`SUM(x.${outcome})`, outcome);
    keys.forEach((key) => query.addGroupBy(FIELD_KEYS[key][0]));
    return filter(query, 0);
  };
  const grouped = keys.filter((key) => key !== 'coordinate');
  const scan = (edge: Range) => {
    const query = fieldsOfRecords(store, edge).select('f.fields', 'fields').addSelect('COUNT(*)', 'times').groupBy('f.fields');
    for (const key of grouped) query.addSelect(FIELD_KEYS[key][1], key).addGroupBy(FIELD_KEYS[key][1]);
    return filter(query, 1);
  };
  const expand = (rows: Row[]): Row[] =>
    rows.flatMap((row) =>
      unpackFields(String(row.fields)).map((field) => {
        const counted: Row = Object.fromEntries(grouped.map((key) => [key, row[key] ?? null]));
        if (keys.includes('coordinate')) counted.coordinate = field.coordinate;
        for (const outcome of OUTCOMES) counted[outcome] = field.outcome === outcome ? Number(row.times) : 0;
        return counted;
      }),
    );
  return sums(store, parts, keys, OUTCOMES, rollup, scan, expand);
}

/** The field rows of the exchanges that started in a range, each with its record. */
function fieldsOfRecords(store: LedgerReader, edge: Range): SelectQueryBuilder<LedgerFieldEntity> {
  return store.manager
    .createQueryBuilder(LedgerFieldEntity, 'f')
    .innerJoin(LedgerRecordEntity, 'r', 'r.chain = f.chain AND r.seq = f.seq')
    .where("r.kind = 'exchange' AND r.started_at >= :from AND r.started_at < :to", edge);
}
