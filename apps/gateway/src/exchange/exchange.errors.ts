import { HeaderMap } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { boundedEcho } from './echoed-values.js';

/**
 * The closed set of error codes a caller can see in `extensions.code`.
 * Anything else is reported as INTERNAL_SERVER_ERROR with a generic message.
 */
export const EXCHANGE_ERROR_CODES = [
  // Causeway's own
  'UNAUTHENTICATED',
  'PURPOSE_NOT_ALLOWED',
  'FORBIDDEN_FIELD',
  'OPERATION_DENIED',
  'QUERY_TOO_COMPLEX',
  'QUERY_TOO_COSTLY',
  'RATE_LIMITED',
  'OPERATION_NOT_REGISTERED',
  'LOOKUP_LIMIT_EXCEEDED',
  'PII_QUOTA_EXCEEDED',
  'GRANT_VOLUME_EXCEEDED',
  'BUREAU_UNAVAILABLE',
  'LEDGER_UNAVAILABLE',
  // GraphQL request errors (Apollo Server's standard codes)
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ExchangeErrorCode = (typeof EXCHANGE_ERROR_CODES)[number];

const KNOWN = new Set<string>(EXCHANGE_ERROR_CODES);

/** Codes with which the gateway's own rules refuse an exchange (as opposed to failing it): its record's decision is DENIED. */
export const REFUSAL_CODES: readonly ExchangeErrorCode[] = [
  'OPERATION_DENIED',
  'PURPOSE_NOT_ALLOWED',
  'QUERY_TOO_COMPLEX',
  'QUERY_TOO_COSTLY',
  'RATE_LIMITED',
  'OPERATION_NOT_REGISTERED',
  'LOOKUP_LIMIT_EXCEEDED',
  'PII_QUOTA_EXCEEDED',
  'GRANT_VOLUME_EXCEEDED',
];

/** Extensions a caller may see besides `code` (string values only), and the numbers of a limit exceeded; everything else is dropped. */
const VISIBLE_EXTENSIONS = ['bureau', 'argument', 'coordinate', 'reason', 'exchangeId', 'limit'];
const VISIBLE_NUMBERS = ['measured', 'allowed'];

/**
 * Codes a bureau may report through the gateway. A bureau speaks for its
 * own input checks, never for Causeway's verdicts: a bureau answering
 * UNAUTHENTICATED or FORBIDDEN_FIELD is reported as an internal error.
 */
const BUREAU_CODES = new Set(['BAD_USER_INPUT']);

/** The code a caller will see for an error with these extensions. */
export function callerCode(extensions: Readonly<Record<string, unknown>> | undefined): ExchangeErrorCode {
  const code = typeof extensions?.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR';
  if (extensions?.serviceName !== undefined && !BUREAU_CODES.has(code)) return 'INTERNAL_SERVER_ERROR';
  return KNOWN.has(code) ? (code as ExchangeErrorCode) : 'INTERNAL_SERVER_ERROR';
}

/** The challenge of every 401 of the gateway's GraphQL endpoints. */
export const BEARER_CHALLENGE = 'Bearer realm="causeway"';

export function exchangeError(code: ExchangeErrorCode, message: string, extensions: Record<string, unknown> = {}, httpStatus?: number): GraphQLError {
  // A 401 says how to authenticate (RFC 9110 §11.6.1): a bearer token.
  const headers = httpStatus === 401 ? { headers: new HeaderMap([['www-authenticate', BEARER_CHALLENGE]]) } : {};
  return new GraphQLError(message, {
    extensions: { code, ...extensions, ...(httpStatus ? { http: { status: httpStatus, ...headers } } : {}) },
  });
}

/** The same refusal, carrying the exchange id so a caller can quote it; non-GraphQL errors pass unchanged. */
export function withExchangeId(error: unknown, exchangeId: string): unknown {
  if (!(error instanceof GraphQLError)) return error;
  return new GraphQLError(error.message, { extensions: { ...error.extensions, exchangeId } });
}

export function bureauUnavailable(bureau: string, reason: string): GraphQLError {
  return exchangeError('BUREAU_UNAVAILABLE', `Bureau "${bureau}" is unavailable; the fields it serves are null in this answer.`, { bureau, reason });
}

/**
 * The edge's only translation of errors into what callers see: codes from
 * the closed set pass with their message; anything else (including bureau
 * internals and gateway bugs) becomes a generic INTERNAL_SERVER_ERROR. Never
 * a stack trace, a URL of a bureau, or a bureau's internal message.
 */
export function formatExchangeError(error: GraphQLFormattedError): GraphQLFormattedError {
  const formatted = tokenLimitOf(error) ?? error;
  const source = formatted.extensions ?? {};
  const code = callerCode(source);
  const extensions: Record<string, unknown> = {};
  for (const key of VISIBLE_EXTENSIONS) if (typeof source[key] === 'string') extensions[key] = source[key];
  for (const key of VISIBLE_NUMBERS) if (typeof source[key] === 'number') extensions[key] = source[key];
  if (typeof source.serviceName === 'string') extensions.bureau = source.serviceName;
  // The list of refused fields is built by the gateway itself (bureaus cannot report OPERATION_DENIED).
  if (code === 'OPERATION_DENIED' && Array.isArray(source.denied)) extensions.denied = source.denied;

  if (code === 'INTERNAL_SERVER_ERROR') {
    return {
      message: extensions.bureau ? `Internal error in bureau "${String(extensions.bureau)}".` : 'Internal error.',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: {
        code,
        ...(extensions.bureau ? { bureau: extensions.bureau } : {}),
        ...(extensions.exchangeId ? { exchangeId: extensions.exchangeId } : {}),
      },
    };
  }
  return {
    message: boundedEcho(code === 'GRAPHQL_VALIDATION_FAILED' ? withoutSuggestions(formatted.message) : formatted.message),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code, ...extensions },
  };
}

/** graphql-js reports its token limit as a syntax error: to the caller it is the tokens limit, like the other limits. */
function tokenLimitOf(formatted: GraphQLFormattedError): GraphQLFormattedError | null {
  if (formatted.extensions?.code !== 'GRAPHQL_PARSE_FAILED') return null;
  const allowed = /Document contains more th[ae][nt] (\d+) tokens/.exec(formatted.message)?.[1];
  if (!allowed) return null;
  return {
    message: `The operation exceeds the gateway's tokens limit: more than ${allowed}.`,
    // The exchange (or admin request) id stays with it, as with every other refusal.
    extensions: { ...formatted.extensions, code: 'QUERY_TOO_COMPLEX', limit: 'tokens', allowed: Number(allowed) },
  };
}

/**
 * graphql-js suggests the names it knows ("Did you mean …?"): with
 * introspection off, those would tell a caller what the graph holds.
 */
function withoutSuggestions(message: string): string {
  // Apollo Server's own refusal of introspection names the framework and how to configure it.
  if (/introspection is not allowed/i.test(message)) return 'Introspection is not offered here: `causeway catalog` describes the graph, and GET /schema the part this system may query.';
  return message.replace(/\s*Did you mean [^?]*\?/g, '');
}

/**
 * Under CAUSEWAY_POLICY_MODE=allow-all the gateway is transparent: an error
 * a bureau reported reaches the caller as a bare federation gateway passes
 * it (message, path, the bureau's code and name; never a stack trace).
 * The gateway's own errors are formatted as always.
 */
export function formatTransparentError(error: GraphQLFormattedError): GraphQLFormattedError {
  if (typeof error.extensions?.serviceName !== 'string') return formatExchangeError(error);
  const { stacktrace: _stacktrace, ...extensions } = error.extensions as Record<string, unknown>;
  return { ...error, extensions };
}
