import { z } from 'zod';
import type { OperationLimits } from '#policy';

/** Limits checked before any expensive work; what an operation, its request and its token may be at most. */
export interface RequestLimits extends OperationLimits {
  /** Lexical tokens of the operation text (the parser stops past it). */
  tokens: number;
  /** Levels of brackets nested in the operation text (text-nesting.ts: the parsers' recursion). */
  nesting: number;
  /** Objects a plain list (one the schema does not page) is assumed to hold when the records an operation can return are counted. */
  listSize: number;
  /** Bytes of a request body. */
  bodyBytes: number;
  /** Characters of the Authorization header (a caller's token). */
  authorizationBytes: number;
  /** Levels of nesting of a request body's JSON (the body object is level 1). */
  jsonDepth: number;
  /** Requests a system may make per rate window, unless the registry gives it its own. */
  rateLimit: number;
  /** The rate window, in seconds. */
  rateWindowS: number;
  /** Admin API requests a person may make per admin rate window. */
  adminRateLimit: number;
  /** The admin rate window, in seconds (a console page asks several things at once: a minute smooths that). */
  adminRateWindowS: number;
  /** Personal-information values (distinct per exchange and kind) a system may be served per day, unless the registry gives it its own. */
  piiValuesPerDay: number;
  /** Lookups by a value a system may not read in clear that may miss per day, unless the registry gives it its own. */
  lookupMissesPerDay: number;
}

const count = (fallback: number, max: number) =>
  z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(max, `must be at most ${max}`).default(fallback);

/**
 * The CAUSEWAY_LIMIT_* variables, with defaults that every demo operation
 * and every realistic caller stays well under, and hostile documents do not.
 */
export const LIMITS_ENV = {
  CAUSEWAY_LIMIT_DEPTH: count(12, 100),
  CAUSEWAY_LIMIT_ALIASES: count(30, 10_000),
  CAUSEWAY_LIMIT_ROOT_FIELDS: count(10, 1_000),
  CAUSEWAY_LIMIT_FIELDS: count(500, 100_000),
  CAUSEWAY_LIMIT_DIRECTIVES: count(50, 10_000),
  CAUSEWAY_LIMIT_RECORDS: count(1_000, 10_000_000),
  // 5: the nested lists of common federation operations stay under CAUSEWAY_LIMIT_RECORDS (users → reviews → product →
  // reviews → author, three lists deep, counts 305 records); at 10 it counted 2,210 and a bare gateway's answer was refused.
  CAUSEWAY_LIMIT_LIST_SIZE: count(5, 10_000),
  CAUSEWAY_LIMIT_TOKENS: count(5_000, 1_000_000),
  // At most 45: the Hive planner's parser stops at about fifty nested selection sets.
  CAUSEWAY_LIMIT_NESTING: count(32, 45),
  CAUSEWAY_LIMIT_BODY_BYTES: count(65_536, 10_485_760),
  CAUSEWAY_LIMIT_AUTHORIZATION_BYTES: count(8_192, 16_384),
  CAUSEWAY_LIMIT_JSON_DEPTH: count(32, 1_000),
  CAUSEWAY_RATE_LIMIT: count(100, 1_000_000),
  CAUSEWAY_RATE_WINDOW_S: count(1, 86_400),
  CAUSEWAY_ADMIN_RATE_LIMIT: count(600, 1_000_000),
  CAUSEWAY_ADMIN_RATE_WINDOW_S: count(60, 86_400),
  CAUSEWAY_PII_VALUES_PER_DAY: count(100_000, 1_000_000_000),
  CAUSEWAY_LOOKUP_MISSES_PER_DAY: count(20, 1_000_000),
};

export function limitsOf(values: { [K in keyof typeof LIMITS_ENV]: number }): RequestLimits {
  return {
    depth: values.CAUSEWAY_LIMIT_DEPTH,
    aliases: values.CAUSEWAY_LIMIT_ALIASES,
    rootFields: values.CAUSEWAY_LIMIT_ROOT_FIELDS,
    fields: values.CAUSEWAY_LIMIT_FIELDS,
    directives: values.CAUSEWAY_LIMIT_DIRECTIVES,
    records: values.CAUSEWAY_LIMIT_RECORDS,
    tokens: values.CAUSEWAY_LIMIT_TOKENS,
    nesting: values.CAUSEWAY_LIMIT_NESTING,
    listSize: values.CAUSEWAY_LIMIT_LIST_SIZE,
    bodyBytes: values.CAUSEWAY_LIMIT_BODY_BYTES,
    authorizationBytes: values.CAUSEWAY_LIMIT_AUTHORIZATION_BYTES,
    jsonDepth: values.CAUSEWAY_LIMIT_JSON_DEPTH,
    rateLimit: values.CAUSEWAY_RATE_LIMIT,
    rateWindowS: values.CAUSEWAY_RATE_WINDOW_S,
    adminRateLimit: values.CAUSEWAY_ADMIN_RATE_LIMIT,
    adminRateWindowS: values.CAUSEWAY_ADMIN_RATE_WINDOW_S,
    piiValuesPerDay: values.CAUSEWAY_PII_VALUES_PER_DAY,
    lookupMissesPerDay: values.CAUSEWAY_LOOKUP_MISSES_PER_DAY,
  };
}
