import type { CatalogEntry } from './catalog-entry.js';
import type { ClassificationScheme } from './classification-scheme.js';
import type { PiiKind } from './governance.directives.js';

/**
 * An argument that names a personal-information value: looking a record up
 * by it tells whether that value exists, so it reveals the value as surely
 * as reading the field it names (`Query.person(idNumber:)` reveals
 * `Person.idNumber`).
 */
export interface PiiLookupArgument {
  argument: string;
  kind: PiiKind;
  /** The field whose value the argument names. */
  reveals: string;
}

/** Two fields of one type whose values can be read out of each other's (declared per PII kind in the scheme). */
export interface FieldDerivation {
  source: string;
  derived: string;
}

/**
 * The arguments of a field that name a PII field of the type it returns
 * (by name: `person(idNumber:)` on a field returning Person names
 * Person.idNumber, which carries ID_NUMBER).
 */
export function piiArgumentsOf(entry: (coordinate: string) => CatalogEntry | undefined, returnType: string, argumentNames: readonly string[]): PiiLookupArgument[] {
  const typeName = returnType.replace(/[[\]!]/g, '');
  return argumentNames.flatMap((argument) => {
    const named = entry(`${typeName}.${argument}`);
    return named?.pii ? [{ argument, kind: named.pii, reveals: named.coordinate }] : [];
  });
}

/** Every pair of fields of one type whose kinds the scheme declares derivable, one from the other. */
export function derivationsOf(entries: readonly CatalogEntry[], scheme: ClassificationScheme): FieldDerivation[] {
  const pairs: FieldDerivation[] = [];
  for (const { from, derived } of scheme.derivations) {
    for (const source of entries.filter((entry) => entry.pii === from)) {
      for (const target of entries.filter((entry) => entry.typeName === source.typeName && entry.pii !== null && derived.includes(entry.pii))) {
        pairs.push({ source: source.coordinate, derived: target.coordinate });
      }
    }
  }
  return pairs;
}
