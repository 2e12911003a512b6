import type { DecidedField, DecisionSubject } from '#policy';

/** One line of a simulation: a selected field read as one concrete coordinate. */
export interface DecisionRow {
  path: string;
  coordinate: string;
  /** The selection's outcome (a field under an interface is as strict as its strictest type). */
  outcome: 'allow' | 'deny';
  mask: string | null;
  denial: string | null;
  rules: string[];
}

export function decisionRows(fields: readonly DecidedField[]): DecisionRow[] {
  return fields.flatMap((field) =>
    field.decisions.map((decision) => ({
      path: field.path.join('.'),
      coordinate: decision.coordinate,
      outcome: field.allowed ? ('allow' as const) : ('deny' as const),
      mask: field.allowed ? decision.mask : null,
      denial: decision.denial ?? (field.allowed ? null : 'DENIED_ELSEWHERE'),
      rules: decision.rules,
    })),
  );
}

export function formatDecisions(subject: DecisionSubject, rows: readonly DecisionRow[], policy: string): string {
  const header = ['PATH', 'COORDINATE', 'DECISION', 'MASK', 'DECIDED BY'];
  const table = rows.map((row) => [
    row.path,
    row.coordinate,
    row.outcome === 'allow' ? 'allow' : `DENY ${row.denial}`,
    row.mask ?? '-',
    row.rules.join(', '),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...table.map((cells) => cells[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
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
