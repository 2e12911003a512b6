import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse, print } from 'graphql';
import type { FieldDecision } from './field-decision.js';
import { decideFields, shapeData, withoutFields } from './operation-decision.js';
import { selectedFields } from './operation-walker.js';

const schema = buildSchema(`
  interface Subject { id: ID! label: String }
  type Person implements Subject { id: ID! label: String secret: String }
  type Enterprise implements Subject { id: ID! label: String capital: Int }
  union Found = Person | Enterprise
  type Query { subject(id: ID!): Subject search(text: String!): [Found!]! person: Person }
`);

/** Person.label and Person.secret are denied; everything else allowed, Enterprise.label masked. */
function decide(coordinate: string): FieldDecision {
  const denied = coordinate === 'Person.label' || coordinate === 'Person.secret';
  return {
    coordinate,
    allowed: !denied,
    mask: coordinate === 'Enterprise.label' ? 'NAME' : null,
    denial: denied ? 'NO_GRANT' : null,
    rules: ['test'],
    policyVersion: 1,
  };
}

function coordinatesOf(query: string): string[] {
  return selectedFields(schema, parse(query))
    .flatMap((field) => field.coordinates)
    .sort();
}

describe('selectedFields', () => {
  it('reads an interface field as every implementing type', () => {
    expect(coordinatesOf('{ subject(id: "1") { label } }')).toEqual(['Enterprise.label', 'Person.label', 'Query.subject']);
  });

  it('follows inline fragments on a union, named fragments and aliases', () => {
    const fields = selectedFields(schema, parse('query { found: search(text: "x") { ... on Person { s: secret } ...E } } fragment E on Enterprise { capital }'));
    expect(fields.map((f) => [f.path.join('.'), f.coordinates.join()])).toEqual([
      ['found', 'Query.search'],
      ['found.s', 'Person.secret'],
      ['found.capital', 'Enterprise.capital'],
    ]);
  });

  it('decides fields under @skip and @include as if included', () => {
    expect(coordinatesOf('query ($no: Boolean = false) { person { id secret @include(if: $no) label @skip(if: true) } }')).toEqual([
      'Person.id',
      'Person.label',
      'Person.secret',
      'Query.person',
    ]);
  });

  it('selects the named operation of several', () => {
    const document = parse('query A { person { id } } query B { person { secret } }');
    expect(selectedFields(schema, document, 'B').map((f) => f.coordinates[0])).toEqual(['Query.person', 'Person.secret']);
    expect(() => selectedFields(schema, document)).toThrow(/operation/);
  });
});

describe('decideFields, withoutFields and shapeData', () => {
  it('denies an interface field when any implementing type denies it', () => {
    const [, label] = decideFields(selectedFields(schema, parse('{ subject(id: "1") { label } }')), decide);
    expect(label!.allowed).toBe(false);
  });

  it('cuts denied fields, keeps the operation valid, and nulls them in the answer', () => {
    const document = parse('{ person { secret label } search(text: "x") { ... on Person { secret } ... on Enterprise { label capital } } }');
    const fields = decideFields(selectedFields(schema, document), decide);
    const filtered = withoutFields(document, new Set(fields.filter((f) => !f.allowed).map((f) => f.node)));
    expect(print(filtered).replace(/\s+/g, ' ')).toBe(
      '{ person { _causewayPlaceholder: __typename } search(text: "x") { ... on Person { _causewayPlaceholder: __typename } ... on Enterprise { label capital } } }',
    );
    const data = {
      person: { _causewayPlaceholder: 'Person' },
      search: [{ _causewayPlaceholder: 'Person' }, { label: '欧阳建国', capital: 5 }],
    };
    expect(shapeData(data, fields)).toEqual({ leaked: 0 });
    expect(data).toEqual({
      person: { secret: null, label: null },
      // Masks follow the path into lists; a filtered field reads null wherever its path reaches.
      search: [{ secret: null }, { label: '欧阳**', capital: 5, secret: null }],
    });
  });
});
