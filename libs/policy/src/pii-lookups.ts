import type { Catalog, PiiLookupArgument } from '#catalog';
import type { FieldDecision } from './field-decision.js';
import type { DecidedField } from './operation-decision.js';

/** How a lookup by a personal-information value is served to one caller. */
export type LookupRule =
  /** The caller may read the value it names in clear: the lookup reveals nothing new. */
  | 'open'
  /** The caller reads that value masked or not at all: a hit would confirm a guessed value, so misses are counted. */
  | 'counted';

/** One lookup by a PII argument in an operation, with the rule it is served under. */
export interface PiiLookup extends PiiLookupArgument {
  /** Response path of the looked-up field (aliases; list positions left out). */
  path: string[];
  coordinate: string;
  rule: LookupRule;
  /** The decision about the field the argument names, for this caller. */
  revealed: FieldDecision;
}

/**
 * The lookups by personal-information values an operation makes (a
 * selected, allowed field given an argument the catalog marks as PII),
 * each with its rule: a lookup reveals the value it names as surely as
 * reading it, so it is open only to a caller who may read that value in
 * clear; for everyone else it is counted (the gateway bounds the misses a
 * caller may have, which makes guessing masked values infeasible).
 */
export function piiLookupsOf(fields: readonly DecidedField[], catalog: Pick<Catalog, 'piiLookups'>, decide: (coordinate: string) => FieldDecision): PiiLookup[] {
  const lookups: PiiLookup[] = [];
  for (const field of fields) {
    if (!field.allowed || !field.node.arguments?.length) continue;
    for (const coordinate of field.coordinates) {
      for (const argument of catalog.piiLookups(coordinate)) {
        if (!field.node.arguments.some((given) => given.name.value === argument.argument)) continue;
        const revealed = decide(argument.reveals);
        lookups.push({ ...argument, path: field.path, coordinate, revealed, rule: revealed.allowed && revealed.mask === null ? 'open' : 'counted' });
      }
    }
  }
  return lookups;
}
