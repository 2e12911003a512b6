import { GraphQLError } from 'graphql';

/** Hard cap on any list page a bureau serves, whatever the caller asks. */
export const MAX_PAGE_SIZE = 100;

export interface PageRequest {
  first: number;
  /** Exclusive lower bound on the ordering sequence; 0 for the first page. */
  afterSeq: number;
}

export function badUserInput(message: string, argument: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument } });
}

export function encodeCursor(seq: number): string {
  return Buffer.from(`seq:${seq}`).toString('base64url');
}

export function parsePageRequest(first: number | null | undefined, after: string | null | undefined): PageRequest {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, 'first');
  }
  if (after === null || after === undefined || after === '') return { first: size, afterSeq: 0 };
  const match = /^seq:(\d{1,9})$/.exec(Buffer.from(after, 'base64url').toString('utf8'));
  if (!match) throw badUserInput('after is not a cursor this list produced', 'after');
  return { first: size, afterSeq: Number(match[1]) };
}

/** Connection shape every bureau list returns. */
export interface Connection<T> {
  nodes: T[];
  endCursor: string | null;
  hasNextPage: boolean;
  totalCount: number;
}

/** Builds a connection from `first + 1` rows fetched after the cursor. */
export function toConnection<R extends { seq: number }, T>(rows: R[], page: PageRequest, totalCount: number, map: (row: R) => T): Connection<T> {
  const hasNextPage = rows.length > page.first;
  const pageRows = rows.slice(0, page.first);
  const last = pageRows[pageRows.length - 1];
  return {
    nodes: pageRows.map(map),
    endCursor: last ? encodeCursor(last.seq) : null,
    hasNextPage,
    totalCount,
  };
}
