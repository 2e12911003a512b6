import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse } from 'graphql';
import { propagateNulls } from './null-propagation.js';

const schema = buildSchema(`
  type Query { person(idNumber: ID!): Person people: [Person!]! strict: [Person!] enterprise: Enterprise node: Node }
  interface Node { id: ID! }
  type Person implements Node { id: ID! name: String idNumber: ID! household: Household! }
  type Household { address: String! members: [String!] }
  type Enterprise implements Node { id: ID! representative: Person }
`);

/** A document whose fragments spread the next one twice per level: 2^levels paths to its one field, in a few lines. */
function doubling(levels: number, leaf: string): string {
  const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`);
  return `{ ...F0 } ${fragments.join(' ')} fragment F${levels} on Query { ${leaf} }`;
}

const propagate = (query: string, data: Record<string, unknown>) => propagateNulls(schema, parse(query), undefined, data).data;

describe('null propagation over an assembled answer', () => {
  it('makes data null when a non-null root field reads null, through fragments, and only then (2^40 paths walked once)', () => {
    const document = doubling(40, 'list: people { name } person(idNumber: "1") { name }');
    expect(propagate(document, { list: null, person: { name: 'x' } })).toBeNull();
    expect(propagate(document, { list: [], person: null })).toEqual({ list: [], person: null });
  });

  it('takes a null in a non-null list item up to the nearest nullable field, as GraphQL execution does', () => {
    // people: [Person!]! — the item cannot be null, nor can the list: data itself becomes null.
    expect(propagate('{ people { idNumber } }', { people: [{ idNumber: '1' }, { idNumber: null }] })).toBeNull();
    // strict: [Person!] — the list is nullable: it becomes null, its siblings stay.
    expect(propagate('{ strict { idNumber } person(idNumber: "1") { name } }', { strict: [{ idNumber: '1' }, { idNumber: null }], person: { name: 'x' } })).toEqual({
      strict: null,
      person: { name: 'x' },
    });
  });

  it('stops at a nullable object, through aliases, nested objects, interfaces and named fragments', () => {
    const query = `{ e: enterprise { representative { ...P } } node { ... on Person { household { address } } } }
      fragment P on Person { household { members address } }`;
    const data = { e: { representative: { household: { members: ['a'], address: null } } }, node: { household: { address: 'x' } } };
    expect(propagate(query, data)).toEqual({ e: { representative: null }, node: { household: { address: 'x' } } });
    // A null item of a nullable list of non-null items: the list becomes null, the object keeps it.
    expect(propagate('{ person(idNumber: "1") { household { members } } }', { person: { household: { members: ['a', null] } } })).toEqual({ person: { household: { members: null } } });
  });

  it('passes over keys the answer lacks or the schema does not name, and leaves a whole answer as it is', () => {
    const data = { person: { __typename: 'Person', id: '1', name: null, household: { address: 'x', members: null } } };
    expect(propagate('{ person(idNumber: "1") { __typename id name household { address members } idNumber @skip(if: true) } }', structuredClone(data))).toEqual(data);
  });

  it('tells the path each null went up from (not the parents it nulled on its way)', () => {
    const query = '{ enterprise { representative { idNumber } } people { idNumber } }';
    const answer = propagateNulls(schema, parse(query), undefined, { enterprise: { representative: { idNumber: null } }, people: [{ idNumber: '1' }] });
    expect(answer).toEqual({ data: { enterprise: { representative: null }, people: [{ idNumber: '1' }] }, raised: [['enterprise', 'representative', 'idNumber']] });
  });

  it("puts every object's keys in the order of its selections, fragments matched against the object's type", () => {
    // As shaping leaves them: a denied field's null added after the keys the engine answered.
    const answer = { person: { id: '1', household: { members: null, address: 'a' }, name: null }, node: { id: '2', representative: null, __typename: 'Enterprise' } };
    const query = `{ person(idNumber: "1") { id name household { address members } } node { __typename ... on Person { name id } ...E } }
      fragment E on Enterprise { representative id }`;
    expect(JSON.stringify(propagate(query, answer))).toBe(
      JSON.stringify({ person: { id: '1', name: null, household: { address: 'a', members: null } }, node: { __typename: 'Enterprise', representative: null, id: '2' } }),
    );
    // An object of another type is ordered by its own fragment only (id comes after name for a Person).
    const person = propagate(query, { node: { __typename: 'Person', id: '1', name: 'p' } });
    expect(JSON.stringify(person)).toBe(JSON.stringify({ node: { __typename: 'Person', name: 'p', id: '1' } }));
  });

  it('keeps the order of an object whose type cannot be told (an interface without __typename)', () => {
    // A Person answered as { id, name } for "... on Enterprise { name id } id name" would be reordered wrongly by guessing.
    const answer = propagate('{ node { ... on Enterprise { representative id } id ... on Person { name } } }', { node: { id: '1', name: 'p' } });
    expect(JSON.stringify(answer)).toBe(JSON.stringify({ node: { id: '1', name: 'p' } }));
  });

  it('passes over skipped selections as execution does: a key placed where it is first included', () => {
    const data = { person: { name: 'x', id: '1' } };
    const answer = propagateNulls(schema, parse('query ($s: Boolean!) { person(idNumber: "1") { id @skip(if: $s) name id } }'), undefined, data, { s: true }).data;
    expect(JSON.stringify(answer)).toBe(JSON.stringify({ person: { name: 'x', id: '1' } }));
    // A skipped non-null field is not asked for, so its absence is no null to propagate.
    expect(propagateNulls(schema, parse('{ people @skip(if: true) { id } }'), undefined, {}).data).toEqual({});
  });

  it('keeps an alias named __proto__ as an own key when it reorders, never as the prototype', () => {
    const data = JSON.parse('{"person":{"name":"x","__proto__":"1"}}') as Record<string, unknown>;
    const answer = propagate('{ person(idNumber: "1") { __proto__: id name } }', data) as { person: Record<string, unknown> };
    expect(Object.keys(answer.person)).toEqual(['__proto__', 'name']);
    expect(Object.getPrototypeOf(answer.person)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(answer.person, '__proto__')?.value).toBe('1');
  });
});
