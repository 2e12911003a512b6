import type { DecidedField } from './operation-decision.js';

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
