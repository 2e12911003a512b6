import type { DecidedField } from './operation-decision.js';
import type { PiiLookup } from './pii-lookups.js';

/** One line of a simulation: a selected field read as one concrete coordinate. */
export interface DecisionRow {
  path: string;
  coordinate: string;
  /** The selection's outcome (a field under an interface is as strict as its strictest type). */
  outcome: 'allow' | 'deny';
  mask: string | null;
  denial: string | null;
  rules: string[];
  /**
   * For a lookup by a personal-information argument: `open` (the caller
   * reads the value it names in clear) or `counted` (it does not: misses
   * count against its daily allowance), with the argument and that field.
   */
  lookup: { rule: string; argument: string; reveals: string } | null;
}

export function decisionRows(fields: readonly DecidedField[], lookups: readonly PiiLookup[] = []): DecisionRow[] {
  const lookupAt = new Map(lookups.map((lookup) => [`${lookup.path.join('.')} ${lookup.coordinate}`, lookup]));
  return fields.flatMap((field) =>
    field.decisions.map((decision) => ({
      path: field.path.join('.'),
      coordinate: decision.coordinate,
      outcome: field.allowed ? ('allow' as const) : ('deny' as const),
      mask: field.allowed ? decision.mask : null,
      denial: decision.denial ?? (field.allowed ? null : 'DENIED_ELSEWHERE'),
      rules: decision.rules,
      lookup: lookupOf(lookupAt.get(`${field.path.join('.')} ${decision.coordinate}`)),
    })),
  );
}

function lookupOf(lookup: PiiLookup | undefined): DecisionRow['lookup'] {
  return lookup ? { rule: lookup.rule, argument: lookup.argument, reveals: lookup.reveals } : null;
}
