import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse } from 'graphql';
import { exceededLimit, measureOperation, PAGE_SIZE } from './operation-measure.js';

/** A document whose fragments spread each other twice per level: 2^levels fields once expanded, a few hundred bytes as text. */
function doubling(levels: number): string {
  const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i + 1} on Person { ...F${i} ...F${i} }`);
  return `{ person(idNumber: "1") { ...F${levels} } } fragment F0 on Person { name } ${fragments.join(' ')}`;
}

const LIMITS = { depth: 12, aliases: 30, rootFields: 10, fields: 500, directives: 50, records: 1000 };

describe('measureOperation', () => {
  it('counts depth, aliases, root fields, fields and directives through fragments and inline fragments', () => {
    const document = parse(`
      query Q($skip: Boolean!) {
        a: person(idNumber: "1") { ...Names ... on Person @include(if: true) { gender } }
        b: person(idNumber: "2") { ...Names }
        ...Root
      }
      query Other { people(first: 1) { nodes { name } } }
      fragment Names on Person { name alias: birthDate @skip(if: $skip) }
      fragment Root on Query { enterprises(first: 1) { nodes { legalRepresentative { name } } } }
    `);
    expect(measureOperation(document, 'Q')).toEqual({ depth: 4, aliases: 4, rootFields: 3, fields: 11, directives: 3, records: 1 + 1 + 1 * (1 + 1 * (1 + 1)) });
    expect(measureOperation(document, 'Other')).toEqual({ depth: 3, aliases: 0, rootFields: 1, fields: 3, directives: 0, records: 1 * (1 + 1) });
    expect(measureOperation(document, 'Missing')).toEqual({ depth: 0, aliases: 0, rootFields: 0, fields: 0, directives: 0, records: 0 });
  });

  it('counts a fragment-doubling document of 2^40 fields without expanding it, and refuses it', () => {
    const measure = measureOperation(parse(doubling(40)));
    expect(measure.fields).toBe(2 ** 40 + 1);
    expect(exceededLimit(measure, LIMITS)).toEqual({ limit: 'fields', measured: 2 ** 40 + 1, allowed: 500 });
  });

  it('stays exact, never overflowing, however far a document multiplies', () => {
    expect(measureOperation(parse(doubling(200))).fields).toBe(1e15);
  });

  it('counts the records an operation can return: page sizes given, from variables or assumed, multiplied by nesting and aliases', () => {
    const fifty = `{ ${Array.from({ length: 50 }, (_, i) => `p${i}: people(first: 100) { nodes { name } }`).join(' ')} }`;
    expect(measureOperation(parse(fifty)).records).toBe(50 * 100 * 2);
    expect(exceededLimit(measureOperation(parse('query ($n: Int) { people(first: $n) { nodes { name } } }'), undefined, { n: 600 }), LIMITS)).toEqual({
      limit: 'records',
      measured: 1200,
      allowed: 1000,
    });
    expect(measureOperation(parse('{ enterprises { nodes { legalRepresentative { name } } } }')).records).toBe(20 * (1 + 1 * (1 + 1)));
  });

  it('counts a plain list of objects at the assumed list size where the schema tells it apart, through fragments on their type', () => {
    const schema = buildSchema(`
      type Query { person(id: ID!): Person people(first: Int): PersonConnection }
      type PersonConnection { nodes: [Person!]! }
      type Person { name: String tags: [String!] enterprises: [Enterprise!] partner: Person }
      type Enterprise { name: String staff: [Person!] }
    `);
    const lists = { schema, listSize: 10 };
    // A list of scalars returns no objects; a list of objects its assumed size of them, each with what it selects.
    expect(measureOperation(parse('{ person(id: "1") { tags enterprises { name } } }'), undefined, {}, lists).records).toBe(1 * (1 + 10 * (1 + 0)));
    // Nested plain lists multiply, also through a named fragment and an inline fragment on their types.
    const nested = '{ person(id: "1") { ...P } } fragment P on Person { enterprises { ... on Enterprise { staff { name } } } }';
    expect(measureOperation(parse(nested), undefined, {}, lists).records).toBe(1 * (1 + 10 * (1 + 10 * 1)));
    // A connection's nodes are the page its field counted already.
    expect(measureOperation(parse('{ people(first: 50) { nodes { partner { name } } } }'), undefined, {}, lists).records).toBe(50 * (1 + 1 * (1 + 1)));
    // Without a schema a plain list cannot be told from an object: one each, as before.
    expect(measureOperation(parse(nested)).records).toBe(1 * (1 + 1 * (1 + 1)));
    expect(exceededLimit(measureOperation(parse('{ person(id: "1") { enterprises { staff { enterprises { name } } } } }'), undefined, {}, lists), LIMITS)).toMatchObject({
      limit: 'records',
      measured: 1 * (1 + 10 * (1 + 10 * (1 + 10))),
    });
  });

  it('leaves a page size no Int holds to validation (an invalid operation, not a costly one); a Float page counts as given', () => {
    const schema = buildSchema(
      'type Query { people(first: Int): PersonConnection rows(first: Float): PersonConnection } type PersonConnection { nodes: [Person!]! } type Person { name: String }',
    );
    const lists = { schema, listSize: 10 };
    expect(measureOperation(parse('{ people(first: 3000000000) { nodes { name } } }'), undefined, {}, lists).records).toBe(PAGE_SIZE * 2);
    expect(measureOperation(parse('query ($n: Int) { people(first: $n) { nodes { name } } }'), undefined, { n: 2 ** 53 }, lists).records).toBe(PAGE_SIZE * 2);
    expect(measureOperation(parse('{ people(first: 2147483647) { nodes { name } } }'), undefined, {}, lists).records).toBe(2147483647 * 2);
    expect(measureOperation(parse('{ rows(first: 3000000000) { nodes { name } } }'), undefined, {}, lists).records).toBe(3000000000 * 2);
  });

  it('takes the default of a variable the request leaves out, as execution does, and the value given over it', () => {
    const paged = 'query ($n: Int = 100) { a: people(first: $n) { nodes { name } } b: people(first: $n) { nodes { name } } }';
    expect(measureOperation(parse(paged)).records).toBe(2 * 100 * 2);
    expect(measureOperation(parse(paged), undefined, { n: 5 }).records).toBe(2 * 5 * 2);
    // Explicit null is not the default: the page size assumed.
    expect(measureOperation(parse(paged), undefined, { n: null }).records).toBe(2 * 20 * 2);
  });

  it('names the first limit exceeded, and none for an ordinary lookup', () => {
    const deep = `{ ${'people(first: 1) { nodes { representedEnterprises { legalRepresentative { '.repeat(4)}name${' } } } }'.repeat(4)} }`;
    expect(exceededLimit(measureOperation(parse(deep)), LIMITS)).toMatchObject({ limit: 'depth', allowed: 12 });
    const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `p${i}: person(idNumber: "${i}") { name }`).join(' ')} }`;
    expect(exceededLimit(measureOperation(parse(aliases)), LIMITS)).toMatchObject({ limit: 'rootFields', measured: 31 });
    expect(exceededLimit(measureOperation(parse('{ person(idNumber: "1") { name householdAddress maritalStatus } }')), LIMITS)).toBeNull();
  });
});
