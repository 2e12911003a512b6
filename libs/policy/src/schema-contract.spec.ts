import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse, validate } from 'graphql';
import type { CatalogEntry } from '#catalog';
import type { FieldDecision } from './field-decision.js';
import { decideFields } from './operation-decision.js';
import { selectedFields } from './operation-walker.js';
import { schemaContract } from './schema-contract.js';

const schema = buildSchema(`
  interface Subject { id: ID! label: String }
  type Person implements Subject { id: ID! label: String secret: String phone: String }
  type Enterprise implements Subject { id: ID! label: String capital: Int }
  type Licence { number: String }
  union Found = Person | Enterprise
  input Range { from: Int to: Int }
  type Query { subject(id: ID!): Subject search(text: String!, range: Range): [Found!]! person: Person enterprise: Enterprise licence: Licence }
`);

const catalog = {
  lookup: (typeName: string, fieldName: string) =>
    ({
      coordinate: `${typeName}.${fieldName}`,
      level: fieldName === 'secret' ? 'CORE' : 'INTERNAL',
      pii: fieldName === 'phone' ? 'PHONE' : null,
      owner: typeName === 'Enterprise' ? 'market-regulation' : 'public-security',
    }) as CatalogEntry,
};

/** Person.secret, every Enterprise field and Licence.number denied; Person.phone masked. */
function decide(entry: CatalogEntry): FieldDecision {
  const denied = entry.coordinate === 'Person.secret' || entry.coordinate.startsWith('Enterprise.') || entry.coordinate === 'Licence.number';
  return {
    coordinate: entry.coordinate,
    allowed: !denied,
    mask: entry.coordinate === 'Person.phone' ? 'PHONE' : null,
    denial: denied ? 'NO_GRANT' : null,
    rules: ['test'],
    policyVersion: 1,
  };
}

describe('schemaContract', () => {
  const contract = schemaContract(schema, catalog, decide);

  it('keeps exactly the fields the caller may read, and what reaches them', () => {
    expect(contract.coordinates).toEqual(['Person.id', 'Person.label', 'Person.phone', 'Query.person', 'Query.search']);
    // A type whose every field is denied goes, with the fields that return it; the union keeps its readable member.
    expect(contract.schema.getType('Enterprise')).toBeUndefined();
    expect(contract.schema.getType('Licence')).toBeUndefined();
    expect(contract.sdl).toContain('union Found = Person');
    // An interface field is as strict as its strictest implementation (Enterprise denies them all), so Query.subject goes too.
    expect(contract.schema.getType('Subject')).toBeUndefined();
    expect(contract.sdl).toContain('input Range');
  });

  it('describes each field with its level, PII kind, mask and owner', () => {
    expect(contract.sdl).toContain('Level INTERNAL; PII PHONE; served masked (PHONE); owner public-security.');
    expect(contract.sdl).toContain('Level INTERNAL; served in clear; owner public-security.');
  });

  it('lists what the gateway would decide allowed for any operation valid against it', () => {
    const query = parse('{ person { id label phone } search(text: "x") { ... on Person { id label } } }');
    expect(validate(contract.schema, query)).toEqual([]);
    const decided = decideFields(selectedFields(schema, query), (coordinate) => decide(catalog.lookup(...(coordinate.split('.') as [string, string]))));
    expect(decided.every((field) => field.allowed)).toBe(true);
    // And an operation selecting a denied field does not validate against it.
    expect(validate(contract.schema, parse('{ person { secret } }'))).toHaveLength(1);
  });

  it('is the whole schema for a caller allowed everything', () => {
    const all = schemaContract(schema, catalog, (entry) => ({ coordinate: entry.coordinate, allowed: true, mask: null, denial: null, rules: ['rule:allow-all'], policyVersion: 1 }));
    expect(all.coordinates).toHaveLength(15);
    expect(all.coordinates).toEqual(expect.arrayContaining(['Enterprise.capital', 'Licence.number', 'Subject.label', 'Query.subject']));
  });
});
