import { describe, expect, it } from '@jest/globals';
import type { ExchangeEntry, FieldOutcome } from '../ledger-entry.js';
import { gradeOf, packFields, packOwners, unpackFields } from './field-list.js';
import { fieldRows, subjectRows } from './ledger-columns.js';

const RANKS = new Map(['PUBLIC', 'INTERNAL', 'SENSITIVE', 'CORE'].map((level, rank) => [level, rank]));

function field(coordinate: string, owner: string, level: string, outcome: FieldOutcome['outcome']): FieldOutcome {
  return { coordinate, owner, level, outcome, path: coordinate, mask: null, reason: outcome === 'denied' ? 'NO_GRANT' : null, rules: [] };
}

function exchange(fields: FieldOutcome[], subjects?: ExchangeEntry['subjects']): ExchangeEntry {
  return {
    kind: 'exchange',
    exchangeId: 'x-1',
    startedAt: '2026-01-02T03:04:05.006Z',
    endedAt: '2026-01-02T03:04:05.010Z',
    caller: { system: 'civil-affairs.subsidy-review', department: 'civil-affairs', issuer: null, tokenId: null, verified: true },
    purpose: 'subsidy-eligibility',
    operation: { name: null, hash: null, variablesHash: null },
    decision: 'PARTIAL',
    enforcement: 'filter',
    policyVersion: 1,
    fields,
    bureaus: [],
    errorCodes: [],
    grade: { maxLevel: null, maxLevelRank: null, piiServed: {} },
    traceId: null,
    clientAddress: null,
    responseBytes: 0,
    ...(subjects ? { subjects } : {}),
  };
}

describe('the rows derived from a record (what verification compares with the stored ones)', () => {
  it('gives one field row per owner, in the order its first field was selected, listed and graded as the list functions do', () => {
    const fields = [
      field('Query.person', 'public-security', 'INTERNAL', 'served'),
      field('Person.subsistenceAllowance', 'civil-affairs', 'CORE', 'denied'),
      field('Person.name', 'public-security', 'SENSITIVE', 'masked'),
      field('Person.maritalStatus', 'civil-affairs', 'INTERNAL', 'served'),
      field('Person.odd name', 'health', 'NO_SUCH_LEVEL', 'denied'),
    ];
    const rows = fieldRows('gw-1', 7, exchange(fields), RANKS);
    expect(rows.map((row) => row.owner)).toEqual(['public-security', 'civil-affairs', 'health']);
    expect(rows[0]).toEqual({
      chain: 'gw-1',
      seq: 7,
      owner: 'public-security',
      startedAt: '2026-01-02T03:04:05.006Z',
      grade: 2,
      fields: 'Query.person 1 served,Person.name 2 masked',
    });
    expect(rows[1]!.fields).toBe('Person.subsistenceAllowance 3 denied,Person.maritalStatus 1 served');
    expect(rows[1]!.grade).toBe(1);
    // An unknown level ranks above every known one; a field denied alone grades -1.
    expect(rows[2]).toMatchObject({ grade: -1, fields: 'Person.odd%20name 4 denied' });
    for (const row of rows) {
      const listed = unpackFields(row.fields);
      expect(row.fields).toBe(packFields(listed));
      expect(row.grade).toBe(gradeOf(listed));
    }
  });

  it('gives no field rows for a record that is not an exchange, nor for one without fields', () => {
    expect(fieldRows('gw-1', 1, exchange([]), RANKS)).toEqual([]);
    expect(fieldRows('gw-1', 1, { kind: 'admin' } as never, RANKS)).toEqual([]);
  });

  it('gives one subject row per subject, merging a subject named twice, with its owners sorted and each once', () => {
    const one = subjectRows('gw-1', 3, exchange([], [{ token: 'k1.aaa', owners: ['public-security'] }]));
    expect(one).toEqual([{ chain: 'gw-1', seq: 3, token: 'k1.aaa', startedAt: '2026-01-02T03:04:05.006Z', owners: 'public-security' }]);
    const many = subjectRows(
      'gw-1',
      4,
      exchange(
        [],
        [
          { token: 'k1.bbb', owners: ['health', 'civil-affairs'] },
          { token: 'k1.ccc', owners: ['market-regulation'] },
          { token: 'k1.bbb', owners: ['civil-affairs', 'public-security'] },
        ],
      ),
    );
    expect(many.map((row) => [row.token, row.owners])).toEqual([
      ['k1.bbb', 'civil-affairs,health,public-security'],
      ['k1.ccc', 'market-regulation'],
    ]);
    expect(subjectRows('gw-1', 5, exchange([], [{ token: 'k1.ddd', owners: ['health', 'health'] }]))[0]!.owners).toBe(packOwners(['health']));
    expect(subjectRows('gw-1', 6, exchange([]))).toEqual([]);
  });
});
