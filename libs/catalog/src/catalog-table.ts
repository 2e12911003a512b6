import type { CatalogEntry } from './catalog-entry.js';

const COLUMNS: Array<[string, (entry: CatalogEntry) => string]> = [
  ['FIELD', (e) => e.coordinate],
  ['OWNER', (e) => e.owner],
  ['LEVEL', (e) => (e.levelSource === 'default' ? `${e.level}*` : e.level)],
  ['PII', (e) => e.pii ?? '-'],
  ['SHARING', (e) => e.sharing],
  ['DESCRIPTION', (e) => (e.description ?? '').replace(/\s+/g, ' ')],
];

/** Plain-text table for terminals; `*` marks levels taken from the default. */
export function formatCatalogTable(entries: readonly CatalogEntry[]): string {
  const rows = entries.map((entry) => COLUMNS.map(([, cell]) => cell(entry)));
  const widths = COLUMNS.map(([title], i) => (i === COLUMNS.length - 1 ? 0 : Math.max(title.length, ...rows.map((row) => row[i]!.length))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(COLUMNS.map(([title]) => title)), ...rows.map(line)].join('\n');
}
