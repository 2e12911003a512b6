import { describe, expect, it } from '@jest/globals';
import { formatExchangeError } from './exchange.errors.js';

describe('formatExchangeError', () => {
  it('passes codes from the closed set with their message and safe extensions', () => {
    expect(
      formatExchangeError({
        message: 'Bureau "health" is unavailable',
        path: ['person', 'vaccinations'],
        extensions: { code: 'BUREAU_UNAVAILABLE', bureau: 'health', reason: 'timeout', stacktrace: ['at x'] },
      }),
    ).toEqual({
      message: 'Bureau "health" is unavailable',
      path: ['person', 'vaccinations'],
      extensions: { code: 'BUREAU_UNAVAILABLE', bureau: 'health', reason: 'timeout' },
    });
  });

  it('hides the message of unknown codes and of internal errors, naming only the bureau', () => {
    expect(
      formatExchangeError({
        message: 'SQLITE_CORRUPT: database disk image is malformed at /var/lib/health.sqlite',
        extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'health', exception: { stacktrace: [] } },
      }),
    ).toEqual({ message: 'Internal error in bureau "health".', extensions: { code: 'INTERNAL_SERVER_ERROR', bureau: 'health' } });
    expect(formatExchangeError({ message: 'connect ECONNREFUSED 10.1.2.3:5432' })).toEqual({
      message: 'Internal error.',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('names no field the caller did not write: validation suggestions are dropped', () => {
    const formatted = formatExchangeError({ message: 'Cannot query field "nam" on type "Person". Did you mean "name" or "phone"?', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(formatted.message).toBe('Cannot query field "nam" on type "Person".');
  });

  it("reports the parser's token limit as the tokens limit, with the exchange's id", () => {
    const exchangeId = '0b7a3c1e-4d2f-4f6a-9e1b-2c3d4e5f6a7b';
    expect(formatExchangeError({ message: 'Syntax Error: Document contains more that 5000 tokens. Parsing aborted.', extensions: { code: 'GRAPHQL_PARSE_FAILED', exchangeId } })).toEqual({
      message: "The operation exceeds the gateway's tokens limit: more than 5000.",
      extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'tokens', allowed: 5000, exchangeId },
    });
  });

  it("refuses introspection in its own words, not the framework's", () => {
    const formatted = formatExchangeError({
      message:
        'GraphQL introspection is not allowed by Apollo Server, but the query contained __schema or __type. To enable introspection, pass introspection: true to ApolloServer in production',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(formatted.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(formatted.message).not.toMatch(/Apollo|introspection: true/);
  });

  it("does not let a bureau speak for Causeway's verdicts", () => {
    expect(
      formatExchangeError({
        message: 'You may not read this',
        extensions: { code: 'FORBIDDEN_FIELD', serviceName: 'health', coordinate: 'Person.name' },
      }),
    ).toEqual({ message: 'Internal error in bureau "health".', extensions: { code: 'INTERNAL_SERVER_ERROR', bureau: 'health' } });
  });

  it('drops extension values that are not strings', () => {
    expect(formatExchangeError({ message: 'bad', extensions: { code: 'BAD_USER_INPUT', argument: { nested: 'object' }, reason: 42 } })).toEqual({
      message: 'bad',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('keeps a bureau-reported input error, which the caller can fix', () => {
    expect(
      formatExchangeError({
        message: 'first must be between 1 and 100',
        path: ['people'],
        extensions: { code: 'BAD_USER_INPUT', argument: 'first', serviceName: 'public-security' },
      }),
    ).toEqual({
      message: 'first must be between 1 and 100',
      path: ['people'],
      extensions: { code: 'BAD_USER_INPUT', argument: 'first', bureau: 'public-security' },
    });
  });
});
