import type { GraphQLFormattedError } from 'graphql';

/** What a bureau says of a failure that is not the caller's mistake. */
export const INTERNAL_ERROR_MESSAGE = 'The bureau could not resolve this field.';

/**
 * The codes of the caller's own mistakes, whose messages are about the
 * request alone: a resolver's BAD_USER_INPUT, and Apollo Server's parse,
 * validation, request and operation errors.
 */
const CALLER_MISTAKES: ReadonlySet<unknown> = new Set([
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * A bureau's errors as its callers see them (Apollo Server's formatError).
 * The caller's mistakes pass as they are. Anything else — a database
 * driver's message (TypeORM's on a malformed entity representation), or
 * graphql-js's own error for a stored value its type cannot represent,
 * which quotes the value — becomes one fixed message with
 * INTERNAL_SERVER_ERROR (Apollo gives every error without a code that
 * code), so no storage detail, query text or value leaves the bureau.
 * Decided by code, not by class: those value errors are GraphQLErrors too.
 * Nest's exception handler still logs the original.
 */
export function maskInternalErrors(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (CALLER_MISTAKES.has(formatted.extensions?.code)) return formatted;
  return {
    message: INTERNAL_ERROR_MESSAGE,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
