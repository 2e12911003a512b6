import type { FieldOutcome } from '../ledger-entry.js';

/**
 * One owner's fields of a recorded exchange as the field row stores them:
 * `coordinate rank outcome` per field, in the order the operation selected
 * them, joined by commas, e.g.
 * `Person.maritalStatus 1 served,Person.subsistenceAllowance 2 denied`.
 *
 * One row per owner of a record instead of one per field: the demo's
 * exchanges select five fields of two owners, and every row repeats the
 * chain, the sequence number and the time in the table and in each index.
 * A coordinate is a GraphQL `Type.field` (letters, digits, `_`), which never
 * holds the separators; anything else a coordinate might hold is written
 * `%XX` (so the list stays unambiguous, and valid coordinates unchanged).
 * A record's data subjects list their owner departments the same way.
 */
export interface ListedField {
  coordinate: string;
  levelRank: number;
  outcome: FieldOutcome['outcome'];
}

const PLAIN_NAME = /^[A-Za-z0-9_.-]*$/;
const OUTCOMES: ReadonlySet<string> = new Set<FieldOutcome['outcome']>(['served', 'masked', 'denied']);

/** A coordinate or a department code as a list holds it: unchanged when it is made of letters, digits, `_`, `.` and `-`. */
export function listedCoordinate(coordinate: string): string {
  if (PLAIN_NAME.test(coordinate)) return coordinate;
  return coordinate.replace(/[^A-Za-z0-9_.-]/gu, (character) => [...Buffer.from(character, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
}

export function packFields(fields: readonly ListedField[]): string {
  return fields.map(listedField).join(',');
}

/** One field as a list holds it. */
export function listedField(field: ListedField): string {
  return `${listedCoordinate(field.coordinate)} ${field.levelRank} ${field.outcome}`;
}

/** The fields of a stored list; throws on text that is not one (a damaged row). */
export function unpackFields(list: string): ListedField[] {
  return list.split(',').map((item) => {
    const [coordinate, rank, outcome, extra] = item.split(' ');
    if (!coordinate || rank === undefined || !/^-?\d+$/.test(rank) || outcome === undefined || !OUTCOMES.has(outcome) || extra !== undefined) {
      throw new Error(`not a field list: ${JSON.stringify(list.slice(0, 80))}`);
    }
    return { coordinate: decodeURIComponent(coordinate), levelRank: Number(rank), outcome: outcome as FieldOutcome['outcome'] };
  });
}

/**
 * What a list contains when it holds `coordinate`: the text to look for in
 * `',' || fields`, since every field starts after a comma and its
 * coordinate ends at a space.
 */
export function coordinateNeedle(coordinate: string): string {
  return `,${listedCoordinate(coordinate)} `;
}

/** How classified an owner's fields in an exchange were: the highest rank among those served (clear or masked), -1 when all were denied. */
export function gradeOf(fields: readonly ListedField[]): number {
  return fields.reduce(gradeWith, -1);
}

/** The grade of fields graded `grade` so far, with one more. */
export function gradeWith(grade: number, field: ListedField): number {
  return field.outcome === 'denied' ? grade : Math.max(grade, field.levelRank);
}

/** The owner departments of a data-subject row, sorted, joined by commas. */
export function packOwners(owners: readonly string[]): string {
  if (owners.length === 1) return listedCoordinate(owners[0]!);
  return [...new Set(owners)].sort().map(listedCoordinate).join(',');
}

/** What `',' || owners || ','` contains when the list holds `owner`. */
export function ownerNeedle(owner: string): string {
  return `,${listedCoordinate(owner)},`;
}
