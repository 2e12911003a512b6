import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse } from 'graphql';
import type { CatalogEntry } from '#catalog';
import type { FieldDecision } from './field-decision.js';
import { includedFields } from './field-inclusion.js';
import { decideOperation } from './operation-decision.js';
import { selectedFields } from './operation-walker.js';

const schema = buildSchema(`
  type Person { id: ID! label: String secret: String friend: Person }
  type Query { person: Person }
`);

/** The coordinates a request with `variables` executes. */
function executed(query: string, variables: Record<string, unknown> | null = {}, operationName?: string): string[] {
  const document = parse(query);
  return includedFields(schema, document, operationName, selectedFields(schema, document, operationName), variables).map((field) => field.path.join('.'));
}

describe('includedFields', () => {
  it('leaves out what literal @skip and @include leave out', () => {
    expect(executed('{ person { id secret @include(if: false) label @skip(if: true) friend @include(if: true) { id } } }')).toEqual([
      'person',
      'person.id',
      'person.friend',
      'person.friend.id',
    ]);
  });

  it('reads conditions from the variables, with their defaults', () => {
    const query = 'query ($show: Boolean = false, $hide: Boolean!) { person { secret @include(if: $show) label @skip(if: $hide) } }';
    expect(executed(query, { hide: true })).toEqual(['person']);
    expect(executed(query, { show: true, hide: false })).toEqual(['person', 'person.secret', 'person.label']);
    // An explicit null for a nullable variable with a default is null, which @include cannot take: execution refuses it, so it counts.
    expect(executed(query, { show: null, hide: false })).toEqual(['person', 'person.secret', 'person.label']);
  });

  it('leaves out everything under a skipped field, inline fragment or fragment spread', () => {
    const query = `query ($x: Boolean!) {
      person {
        friend @include(if: $x) { secret }
        ... @skip(if: $x) { label }
        ... on Person @include(if: $x) { id }
        ...Secret @skip(if: $x)
      }
    }
    fragment Secret on Person { secret friend { label } }`;
    expect(executed(query, { x: false })).toEqual(['person', 'person.label', 'person.secret', 'person.friend', 'person.friend.label']);
    expect(executed(query, { x: true })).toEqual(['person', 'person.friend', 'person.friend.secret', 'person.id']);
  });

  it('keeps a field written twice if either place includes it', () => {
    expect(executed('{ person { secret @include(if: false) secret } }')).toEqual(['person', 'person.secret']);
  });

  it('counts every field as executed when the variables do not coerce (execution refuses them)', () => {
    const query = 'query ($x: Boolean!) { person { secret @include(if: $x) } }';
    expect(executed(query, { x: 'yes' })).toEqual(['person', 'person.secret']);
    expect(executed(query, {})).toEqual(['person', 'person.secret']);
    expect(executed(query, null)).toEqual(['person', 'person.secret']);
  });

  it('returns the walk itself when nothing is conditional', () => {
    const document = parse('{ person { id secret } }');
    const fields = selectedFields(schema, document);
    expect(includedFields(schema, document, undefined, fields, {})).toBe(fields);
  });
});

describe('decided fields a request executes', () => {
  const decide = (found: CatalogEntry): FieldDecision => {
    const denied = found.coordinate === 'Person.secret';
    return { coordinate: found.coordinate, allowed: !denied, mask: null, denial: denied ? 'NO_GRANT' : null, rules: ['test'], policyVersion: 1 };
  };
  const catalog = { lookupCoordinate: (coordinate: string) => ({ coordinate }) as unknown as CatalogEntry };
  const document = parse('query ($x: Boolean!) { person { id secret @include(if: $x) } }');

  it('decides a field left out as if included, and leaves it out of what is answered', () => {
    const decided = decideOperation({ schema, document }, catalog, decide);
    expect(decided.filter((field) => !field.allowed).map((field) => field.path.join('.'))).toEqual(['person.secret']);
    const answered = includedFields(schema, document, undefined, decided, { x: false });
    expect(answered.map((field) => [field.path.join('.'), field.allowed])).toEqual([
      ['person', true],
      ['person.id', true],
    ]);
    expect(includedFields(schema, document, undefined, decided, { x: true }).filter((field) => !field.allowed)).toHaveLength(1);
  });
});
