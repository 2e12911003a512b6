import { describe, expect, it } from '@jest/globals';
import type { CatalogEntry } from './catalog-entry.js';
import { ClassificationScheme } from './classification-scheme.js';
import type { PiiKind } from './governance.directives.js';
import { derivationsOf, piiArgumentsOf } from './pii-relations.js';

function entry(coordinate: string, pii: PiiKind | null): CatalogEntry {
  const [typeName, fieldName] = coordinate.split('.') as [string, string];
  return {
    coordinate,
    typeName,
    fieldName,
    returnType: 'String',
    owner: 'public-security',
    resolvers: ['public-security'],
    key: false,
    level: 'SENSITIVE',
    levelRank: 2,
    levelSource: 'field',
    pii,
    sharing: 'UNCONDITIONAL',
    sharingSource: 'field',
    description: null,
  };
}

const entries = [entry('Person.idNumber', 'ID_NUMBER'), entry('Person.birthDate', 'BIRTH_DATE'), entry('Person.name', 'NAME'), entry('Pet.birthDate', 'BIRTH_DATE')];
const byCoordinate = new Map(entries.map((e) => [e.coordinate, e]));

describe('PII lookup arguments', () => {
  it('an argument named like a PII field of the returned type reveals that field, through list and non-null wrappers', () => {
    expect(piiArgumentsOf((c) => byCoordinate.get(c), 'Person', ['idNumber'])).toEqual([{ argument: 'idNumber', kind: 'ID_NUMBER', reveals: 'Person.idNumber' }]);
    expect(piiArgumentsOf((c) => byCoordinate.get(c), '[Person!]!', ['name', 'first'])).toEqual([{ argument: 'name', kind: 'NAME', reveals: 'Person.name' }]);
  });

  it('arguments that name no PII field are not lookups by PII', () => {
    expect(piiArgumentsOf((c) => byCoordinate.get(c), 'Person', ['first', 'after'])).toEqual([]);
    expect(piiArgumentsOf((c) => byCoordinate.get(c), 'Enterprise', ['idNumber'])).toEqual([]);
  });
});

describe('derived fields', () => {
  it('pairs the fields of one type whose kinds the scheme declares derivable, and no others', () => {
    const scheme = new ClassificationScheme(
      [
        { name: 'PUBLIC', rank: 0, description: '' },
        { name: 'SENSITIVE', rank: 1, description: '' },
      ],
      'SENSITIVE',
      'CONDITIONAL',
      [{ from: 'ID_NUMBER', derived: ['BIRTH_DATE'] }],
    );
    expect(derivationsOf(entries, scheme)).toEqual([{ source: 'Person.idNumber', derived: 'Person.birthDate' }]);
    expect(derivationsOf(entries, new ClassificationScheme(scheme.levels, 'SENSITIVE', 'CONDITIONAL'))).toEqual([]);
  });
});
