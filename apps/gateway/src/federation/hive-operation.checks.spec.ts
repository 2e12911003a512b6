import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse } from 'graphql';
import { checkOperation } from './hive-operation.checks.js';

const schema = buildSchema('type Query { person(idNumber: ID!): Person people: [Person!]! } type Person { name: String }');

/** A document whose fragments spread the next one twice per level: 2^levels paths to its one field, in a few lines. */
function doubling(levels: number, leaf: string): string {
  const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`);
  return `{ ...F0 } ${fragments.join(' ')} fragment F${levels} on Query { ${leaf} }`;
}

describe('checkOperation', () => {
  it('answers {data: {}} for a root selection @skip empties, walking each fragment once (2^40 paths)', () => {
    expect(checkOperation(schema, parse(doubling(40, 'people @skip(if: true) { name }')), undefined, {})).toEqual({ data: {} });
    expect(checkOperation(schema, parse(doubling(40, 'people { name }')), undefined, {})).toBeNull();
  });

  it('refuses integer literals beyond 64 bits and variables that do not coerce, as BAD_USER_INPUT', () => {
    const huge = checkOperation(schema, parse('{ person(idNumber: -9223372036854775809) { name } }'), undefined, {});
    expect(huge?.errors?.map((error) => error.extensions.code)).toEqual(['BAD_USER_INPUT']);
    expect(checkOperation(schema, parse('{ person(idNumber: -9223372036854775808) { name } }'), undefined, {})).toBeNull();
    const variable = checkOperation(schema, parse('query ($id: ID!) { person(idNumber: $id) { name } }'), undefined, {});
    expect(variable?.errors?.[0]?.message).toContain('"$id" of required type "ID!" was not provided');
  });
});
