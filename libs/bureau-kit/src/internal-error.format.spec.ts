import { describe, expect, it } from '@jest/globals';
import { buildSchema, executeSync, GraphQLError, locatedError, parse, type GraphQLFormattedError } from 'graphql';
import { INTERNAL_ERROR_MESSAGE, maskInternalErrors } from './internal-error.format.js';

/** As Apollo Server calls formatError: the error as it is formatted, an error without a code given INTERNAL_SERVER_ERROR. */
function format(error: GraphQLError): GraphQLFormattedError {
  const formatted = error.toJSON();
  return maskInternalErrors({ ...formatted, extensions: { code: 'INTERNAL_SERVER_ERROR', ...formatted.extensions } });
}

describe('maskInternalErrors', () => {
  it('keeps the caller’s mistakes as they are: a resolver’s BAD_USER_INPUT and a validation error', () => {
    const badInput = locatedError(new GraphQLError('idNumber must be 17 digits', { extensions: { code: 'BAD_USER_INPUT' } }), [], ['person']);
    expect(format(badInput)).toMatchObject({ message: 'idNumber must be 17 digits', extensions: { code: 'BAD_USER_INPUT' }, path: ['person'] });
    const validation = new GraphQLError('Cannot query field "x" on type "Query".', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(format(validation)).toMatchObject({ message: 'Cannot query field "x" on type "Query".' });
  });

  it('replaces whatever else a resolver threw with one fixed message, keeping its path', () => {
    const driver = new Error('Property "idNumber" was not found in "PersonRecord". Make sure your query is correct. 110101199003070011');
    const formatted = format(locatedError(driver, [], ['_entities', 0]));
    expect(formatted).toEqual({ message: INTERNAL_ERROR_MESSAGE, path: ['_entities', 0], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(formatted)).not.toMatch(/idNumber|PersonRecord|1101/);
  });

  it("masks graphql-js's own error for a stored value its type cannot represent, which quotes the value", () => {
    const schema = buildSchema('type Query { age: Int }');
    const result = executeSync({ schema, document: parse('{ age }'), rootValue: { age: 110101199003070 } });
    const formatted = format(result.errors![0]!);
    expect(formatted).toEqual({ message: INTERNAL_ERROR_MESSAGE, locations: [{ line: 1, column: 3 }], path: ['age'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});
