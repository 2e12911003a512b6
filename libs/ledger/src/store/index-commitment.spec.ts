import { describe, expect, it } from '@jest/globals';
import { exchangeEntry, fieldOutcome } from '../../../../test/support/exchange-entry.js';
import { canonicalJson } from '../ledger-hash.js';
import { committedIndex, indexCommitment, INDEX_KEY } from './index-commitment.js';
import { fieldRows, indexColumns, sealEntries, subjectRows } from './ledger-columns.js';

const RANKS = new Map([
  ['PUBLIC', 0],
  ['INTERNAL', 1],
  ['SENSITIVE', 2],
]);
const ENTRY = exchangeEntry('x-1', '2026-11-01T08:00:00.000Z', {
  fields: [fieldOutcome('Person.name', 'public-security', 'SENSITIVE'), fieldOutcome('Person.maritalStatus', 'civil-affairs')],
  subjects: [
    { token: 'k1.b', owners: ['public-security'] },
    { token: 'k1.a', owners: ['civil-affairs'] },
  ],
});

describe('the index commitment', () => {
  const columns = indexColumns(ENTRY);
  const fields = fieldRows('gw', 1, ENTRY, RANKS);
  const subjects = subjectRows('gw', 1, ENTRY);

  it('is the same for the same rows in any order, and differs for any change of a stored value', () => {
    const commitment = indexCommitment(columns, fields, subjects);
    // Versioned: a later packing of the rows seals another version beside this one.
    expect(commitment).toMatch(/^v1\.[A-Za-z0-9_-]{22}$/);
    expect(indexCommitment(columns, [...fields].reverse(), [...subjects].reverse())).toBe(commitment);
    expect(indexCommitment({ ...columns, purpose: null }, fields, subjects)).not.toBe(indexCommitment({ ...columns, purpose: 'null' }, fields, subjects));
    expect(indexCommitment(columns, fields.slice(1), subjects)).not.toBe(commitment);
    expect(indexCommitment(columns, fields, [{ ...subjects[0]!, owners: 'health' }, subjects[1]!])).not.toBe(commitment);
    expect(indexCommitment({ ...columns, maxLevelRank: 1 }, fields, subjects)).not.toBe(commitment);
  });

  it('opens the canonical content the writer seals, and is read back from its first characters', () => {
    const [record] = sealEntries('gw', { seq: 0, hash: '0'.repeat(64) }, [{ entry: ENTRY, operation: null }], RANKS).records;
    expect(record!.content.startsWith(`{"${INDEX_KEY}":"`)).toBe(true);
    expect(committedIndex(record!.content)).toBe(indexCommitment(columns, fields, subjects));
    // An entry that held one already (a record read back and written again) is sealed with its own.
    const copied = sealEntries('gw', { seq: 0, hash: '0'.repeat(64) }, [{ entry: { ...ENTRY, [INDEX_KEY]: 'A'.repeat(22) } as typeof ENTRY, operation: null }], RANKS).records[0]!;
    expect(copied.content).toBe(record!.content);
  });

  it('is not found in content sealed without one, nor forged by a string value', () => {
    expect(committedIndex(canonicalJson(ENTRY))).toBeNull();
    const forged = canonicalJson({ a: `{"${INDEX_KEY}":"v1.${'A'.repeat(22)}"}` });
    expect(committedIndex(forged)).toBeNull();
    expect(committedIndex(`{"${INDEX_KEY}":"v1.${'A'.repeat(21)}"}`)).toBeNull();
  });

  it('is read as text and as the UTF-8 bytes alike, and not under a version it does not know', () => {
    const content = sealEntries('gw', { seq: 0, hash: '0'.repeat(64) }, [{ entry: ENTRY, operation: null }], RANKS).records[0]!.content;
    expect(committedIndex(Buffer.from(content))).toBe(committedIndex(content));
    const later = content.replace(`{"${INDEX_KEY}":"v1.`, `{"${INDEX_KEY}":"v2.`);
    expect(committedIndex(later)).toBeNull();
    expect(committedIndex(Buffer.from(later))).toBeNull();
  });
});
