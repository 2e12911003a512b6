import type { LedgerEntry } from '../ledger-entry.js';
import { indexColumns } from './ledger-columns.js';

/** One rollup table: the columns that key a row and the counts a group adds to it. */
export interface RollupTable {
  table: string;
  keys: readonly string[];
  counts: readonly string[];
}

/** The statistics rollups (ledger-rollup.entities.ts), in the order a group adds to them. */
export const ROLLUP_TABLES = [
  { table: 'ledger_rollup_field', keys: ['hour', 'system', 'department', 'purpose', 'owner', 'coordinate'], counts: ['served', 'masked', 'denied'] },
  { table: 'ledger_rollup_pair', keys: ['hour', 'department', 'owner'], counts: ['exchanges'] },
  { table: 'ledger_rollup_decision', keys: ['hour', 'decision'], counts: ['exchanges'] },
] as const satisfies readonly RollupTable[];

/** The hour bucket of an instant as the ledger stores it (toISOString, UTC). */
export function hourOf(startedAt: string): string {
  return startedAt.slice(0, 13);
}

/**
 * What one group of entries adds to each rollup table: one row per key with
 * the group's counts, in key order (every writer locks rows in the same
 * order, so two replicas adding at once cannot deadlock). Exchanges only:
 * governance and admin records are not statistics of data exchange.
 */
export function rollupRows(entries: Iterable<LedgerEntry>): unknown[][][] {
  const tables = ROLLUP_TABLES.map(() => new Map<string, unknown[]>());
  const add = (index: number, key: unknown[], counts: number[]) => {
    const id = key.join('\u0000');
    const row = tables[index]!.get(id);
    if (!row) tables[index]!.set(id, [...key, ...counts]);
    else counts.forEach((count, i) => (row[key.length + i] = (row[key.length + i] as number) + count));
  };
  for (const entry of entries) {
    if (entry.kind !== 'exchange') continue;
    const columns = indexColumns(entry);
    const hour = hourOf(columns.startedAt);
    const [system, department, purpose] = [columns.system ?? '', columns.department ?? '', columns.purpose ?? ''];
    for (const field of entry.fields) {
      add(0, [hour, system, department, purpose, field.owner, field.coordinate], [+(field.outcome === 'served'), +(field.outcome === 'masked'), +(field.outcome === 'denied')]);
    }
    for (const owner of new Set(entry.fields.map((field) => field.owner))) add(1, [hour, department, owner], [1]);
    add(2, [hour, columns.decision], [1]);
  }
  return tables.map((rows) => [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row));
}

/** What follows a rollup INSERT's rows: add the counts to a row that exists (its table aliased `t`). */
export function upsertClause(table: RollupTable): string {
  const quoted = (name: string) => `"${name}"`;
  return `ON CONFLICT (${table.keys.map(quoted).join(', ')}) DO UPDATE SET ${table.counts.map((count) => `${quoted(count)} = t.${quoted(count)} + excluded.${quoted(count)}`).join(', ')}`;
}
