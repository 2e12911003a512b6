import { describe, expect, it } from '@jest/globals';
import { adminErrorStatus, adminGraphQLError, adminHttpException, formatAdminError } from './admin-error.mapper.js';
import { AdminError, AdminErrorCode } from './admin.error.js';

describe('the admin error model', () => {
  it('gives every code its HTTP status', () => {
    expect(Object.values(AdminErrorCode).map((code) => [code, adminErrorStatus(code)])).toEqual([
      ['UNAUTHENTICATED', 401],
      ['FORBIDDEN', 403],
      ['BAD_USER_INPUT', 400],
      ['QUERY_TOO_COMPLEX', 400],
      ['QUERY_TOO_COSTLY', 400],
      ['BAD_REQUEST', 400],
      ['LEDGER_UNAVAILABLE', 503],
      ['RATE_LIMITED', 429],
    ]);
  });

  it('names the offending argument; input errors keep GraphQL’s 200, refusals carry their status', () => {
    expect(adminGraphQLError(AdminError.badInput('days must be between 1 and 366', 'days')).extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'days' });
    expect(adminGraphQLError(AdminError.forbidden('not yours')).extensions).toEqual({ code: 'FORBIDDEN', http: { status: 403 } });
    const refused = adminHttpException(new AdminError(AdminErrorCode.UNAUTHENTICATED, 'The person could not be authenticated.', { reason: 'MISSING_TOKEN', requestId: 'r-1' }));
    expect([refused.getStatus(), refused.getResponse()]).toEqual([
      401,
      { error: { code: 'UNAUTHENTICATED', message: 'The person could not be authenticated.', reason: 'MISSING_TOKEN', requestId: 'r-1' } },
    ]);
  });

  it('shows a person known codes with their message and nothing else; anything unknown is a generic internal error', () => {
    expect(formatAdminError({ message: 'no grant "x"', path: ['revokeGrant'], extensions: { code: 'BAD_USER_INPUT', argument: 'id', stacktrace: ['at …'] } })).toEqual({
      message: 'no grant "x"',
      path: ['revokeGrant'],
      extensions: { code: 'BAD_USER_INPUT', argument: 'id' },
    });
    expect(formatAdminError({ message: 'connect ECONNREFUSED postgres://db:5432', extensions: { code: 'QUERY_FAILED' } })).toEqual({
      message: 'Internal error.',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });
});
