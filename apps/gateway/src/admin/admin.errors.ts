import type { GraphQLFormattedError } from 'graphql';

const ADMIN_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'LEDGER_UNAVAILABLE',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** What an admin caller sees of an error: a known code with its message, else a generic internal error. Never a stack. */
export function formatAdminError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : 'INTERNAL_SERVER_ERROR';
  if (!ADMIN_CODES.has(code)) {
    return { message: 'Internal error.', ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  const extensions: Record<string, unknown> = { code };
  for (const key of ['argument', 'reason', 'requestId']) if (typeof formatted.extensions?.[key] === 'string') extensions[key] = formatted.extensions[key];
  return {
    message: formatted.message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions,
  };
}
