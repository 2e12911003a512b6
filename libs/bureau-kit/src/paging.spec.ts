import { describe, expect, it } from '@jest/globals';
import { GraphQLError } from 'graphql';
import { encodeCursor, MAX_PAGE_SIZE, parsePageRequest, toConnection } from './paging.js';

function codeOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error instanceof GraphQLError ? [error.extensions.code, error.extensions.argument] : error;
  }
  return 'no error';
}

describe('parsePageRequest', () => {
  it('defaults to 20 from the start', () => {
    expect(parsePageRequest(undefined, undefined)).toEqual({ first: 20, afterSeq: 0 });
  });

  it('enforces the hard page-size cap', () => {
    expect(parsePageRequest(MAX_PAGE_SIZE, null).first).toBe(MAX_PAGE_SIZE);
    expect(codeOf(() => parsePageRequest(MAX_PAGE_SIZE + 1, null))).toEqual(['BAD_USER_INPUT', 'first']);
    expect(codeOf(() => parsePageRequest(0, null))).toEqual(['BAD_USER_INPUT', 'first']);
  });

  it('accepts only cursors it produced', () => {
    expect(parsePageRequest(5, encodeCursor(40))).toEqual({ first: 5, afterSeq: 40 });
    expect(codeOf(() => parsePageRequest(5, 'bm9wZQ'))).toEqual(['BAD_USER_INPUT', 'after']);
  });
});

describe('toConnection', () => {
  const rows = [1, 2, 3].map((seq) => ({ seq, name: `n${seq}` }));

  it('reports a next page when one more row than asked was found', () => {
    const page = toConnection(rows, { first: 2, afterSeq: 0 }, 10, (r) => r.name);
    expect(page).toEqual({ nodes: ['n1', 'n2'], endCursor: encodeCursor(2), hasNextPage: true, totalCount: 10 });
  });

  it('ends with no cursor on an empty page', () => {
    expect(toConnection([], { first: 2, afterSeq: 9 }, 9, (r: { seq: number }) => r)).toEqual({
      nodes: [],
      endCursor: null,
      hasNextPage: false,
      totalCount: 9,
    });
  });
});
