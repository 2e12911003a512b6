import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** What a bureau says of a failure that is not the caller's mistake. */
export const INTERNAL_ERROR_MESSAGE = 'The bureau could not resolve this field.';

/**
 * A bureau's errors as its callers see them (Apollo Server's formatError).
 * GraphQL's own (parse, validation, a resolver's BAD_USER_INPUT) are the
 * caller's mistake and pass as they are; anything else a resolver threw
 * (a database driver's message, such as TypeORM's on a malformed entity
 * representation) becomes one fixed message with INTERNAL_SERVER_ERROR, so
 * no storage detail, query text or value leaves the bureau. Nest's
 * exception handler still logs the original.
 */
export function maskInternalErrors(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (unwrapResolverError(error) instanceof GraphQLError) return formatted;
  return {
    message: INTERNAL_ERROR_MESSAGE,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
