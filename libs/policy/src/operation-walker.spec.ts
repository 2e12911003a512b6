import { describe, expect, it } from '@jest/globals';
import { composeServices } from '@apollo/composition';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
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

  it('lists fields under @skip and @include with the conditions around them (the request decides: field-inclusion.ts)', () => {
    const fields = selectedFields(schema, parse('query ($no: Boolean = false) { person @skip(if: false) { id secret @include(if: $no) ... @include(if: true) { label } } }'));
    expect(fields.map((field) => [field.path.join('.'), field.conditions.map(print).join(' ')])).toEqual([
      ['person', '@skip(if: false)'],
      ['person.id', '@skip(if: false)'],
      ['person.secret', '@skip(if: false) @include(if: $no)'],
      ['person.label', '@skip(if: false) @include(if: true)'],
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
    const { document: filtered } = withoutFields(schema, document, new Set(fields.filter((f) => !f.allowed).map((f) => f.node)));
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

describe('withoutFields on an interface no object type implements', () => {
  // b extends a's interface as an @interfaceObject; nothing implements it.
  // The planner cannot plan `__typename` on it through b ("Subgraph a has
  // no entities defined"), so an emptied selection there cannot take the
  // placeholder: the field is cut instead, and reads null.
  const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@interfaceObject"])';
  const composed = composeServices([
    { name: 'a', url: 'http://a.invalid/graphql', typeDefs: parse(`${link} type Query { things: [Thing!]! } interface Thing @key(fields: "id") { id: ID! name: String }`) },
    {
      name: 'b',
      url: 'http://b.invalid/graphql',
      typeDefs: parse(`${link} type Query { more: [Thing!]! count: Int } type Thing @key(fields: "id") @interfaceObject { id: ID! extra: String }`),
    },
  ]);
  const supergraph = Supergraph.build(composed.supergraphSdl!);
  const api = supergraph.apiSchema().toGraphQLJSSchema();
  const planner = new QueryPlanner(supergraph);
  const plan = (document: ReturnType<typeof parse>) => planner.buildQueryPlan(operationFromDocument(supergraph.apiSchema(), document));
  const denyExtra = (coordinate: string): FieldDecision => ({
    coordinate,
    allowed: coordinate !== 'Thing.extra',
    mask: null,
    denial: coordinate === 'Thing.extra' ? 'NO_GRANT' : null,
    rules: ['test'],
    policyVersion: 1,
  });

  it('cuts the field whose every selection was denied, leaves a plannable operation and answers it null', () => {
    const document = parse('{ more { extra } count }');
    const fields = decideFields(selectedFields(api, document), denyExtra);
    const { document: filtered, emptied } = withoutFields(api, document, new Set(fields.filter((f) => !f.allowed).map((f) => f.node)));
    expect(print(filtered).replace(/\s+/g, ' ')).toBe('{ count }');
    expect(() => plan(filtered)).not.toThrow();
    for (const field of fields) if (emptied.has(field.node)) field.emptied = true;
    const data: Record<string, unknown> = { count: 2 };
    shapeData(data, fields);
    expect(data).toEqual({ more: null, count: 2 });
  });

  it('cuts a named fragment emptied on such an interface where it is spread, and keeps the rest', () => {
    const document = parse('query Q { more { ...F } count } fragment F on Thing { extra }');
    const fields = decideFields(selectedFields(api, document, 'Q'), denyExtra);
    const { document: filtered, emptied } = withoutFields(api, document, new Set(fields.filter((f) => !f.allowed).map((f) => f.node)));
    expect(print(filtered).replace(/\s+/g, ' ')).toBe('query Q { count }');
    expect(() => plan(filtered)).not.toThrow();
    expect([...emptied].map((node) => node.name.value)).toEqual(['more']);
  });

  it('gives the root a placeholder when nothing else is left, and keeps it where the type can take one', () => {
    const document = parse('{ more { extra } }');
    const fields = decideFields(selectedFields(api, document), denyExtra);
    const { document: filtered } = withoutFields(api, document, new Set(fields.filter((f) => !f.allowed).map((f) => f.node)));
    expect(print(filtered).replace(/\s+/g, ' ')).toBe('{ _causewayPlaceholder: __typename }');
    expect(() => plan(filtered)).not.toThrow();
    // The same placeholder on the interface through b is what the planner refuses.
    expect(() => plan(parse('{ more { _causewayPlaceholder: __typename } }'))).toThrow(/no entities/);
  });
});
