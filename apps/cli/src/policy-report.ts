import type { DecisionRow, DecisionSubject } from '#policy';

export function formatDecisions(subject: DecisionSubject, rows: readonly DecisionRow[], policy: string): string {
  const header = ['PATH', 'COORDINATE', 'DECISION', 'MASK', 'DECIDED BY'];
  const table = rows.map((row) => [row.path, row.coordinate, row.outcome === 'allow' ? 'allow' : `DENY ${row.denial}`, row.mask ?? '-', row.rules.join(', ')]);
  const widths = header.map((title, i) => Math.max(title.length, ...table.map((cells) => cells[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const denied = new Set(rows.filter((row) => row.outcome === 'deny').map((row) => row.path));
  const masked = rows.filter((row) => row.mask).length;
  const paths = new Set(rows.map((row) => row.path));
  return [
    `${subject.system} (${subject.department}, clearance ${subject.clearance}) for purpose ${subject.purpose} · ${policy}`,
    '',
    line(header),
    ...table.map(line),
    '',
    `${paths.size} fields: ${paths.size - denied.size} served (${masked} masked), ${denied.size} denied.` +
      (denied.size > 0 ? ' Filter mode would return null for the denied fields; reject mode would refuse the operation.' : ''),
  ].join('\n');
}
