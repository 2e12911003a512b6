import { HeaderMap } from '@apollo/server';
import { Catch, HttpException, Injectable, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { boundedEcho } from '../exchange/echoed-values.js';
import { BEARER_CHALLENGE } from '../exchange/exchange.errors.js';
import { LEDGER_UNAVAILABLE_MESSAGE } from '../ledger/record-before-release.js';
import type { AdminHttpRequest } from './admin.context.js';
import { AdminLedgerRecorder, anonymousContext, httpOperation } from './admin-ledger.recorder.js';
import { AdminError, AdminErrorCode } from './admin.error.js';

/** The HTTP status of each admin error code (GraphQL-over-HTTP for the admin endpoint, plain HTTP for the export). */
export function adminErrorStatus(code: AdminErrorCode): number {
  switch (code) {
    case AdminErrorCode.UNAUTHENTICATED:
      return 401;
    case AdminErrorCode.FORBIDDEN:
      return 403;
    case AdminErrorCode.BAD_USER_INPUT:
    case AdminErrorCode.QUERY_TOO_COMPLEX:
    case AdminErrorCode.QUERY_TOO_COSTLY:
    case AdminErrorCode.NOT_READY:
      return 400;
    case AdminErrorCode.LEDGER_UNAVAILABLE:
      return 503;
    case AdminErrorCode.RATE_LIMITED:
      return 429;
  }
}

/** An admin error as GraphQL reports it: the code, the offending argument, never a stack. */
export function adminGraphQLError(error: AdminError): GraphQLError {
  const status = adminErrorStatus(error.code);
  // Input errors keep GraphQL's usual 200 (the other fields of the operation may have answered).
  const headers =
    error.details.retryAfterS !== undefined
      ? new HeaderMap([['retry-after', String(error.details.retryAfterS)]])
      : error.code === AdminErrorCode.UNAUTHENTICATED
        ? new HeaderMap([['www-authenticate', BEARER_CHALLENGE]])
        : undefined;
  const http = error.code === AdminErrorCode.BAD_USER_INPUT || error.code === AdminErrorCode.NOT_READY ? {} : { http: { status, ...(headers ? { headers } : {}) } };
  return new GraphQLError(error.message, { extensions: { code: error.code, ...error.details, ...http } });
}

/** Codes a person may see: the admin error codes and GraphQL's own request errors; anything else is an internal error. */
const VISIBLE_CODES = new Set<string>([...Object.values(AdminErrorCode), 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'OPERATION_RESOLUTION_FAILURE']);

/** What a person sees of any error of the admin endpoint (its `formatError`): a known code with its message, else a generic internal error. Never a stack. */
export function formatAdminError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : 'INTERNAL_SERVER_ERROR';
  if (!VISIBLE_CODES.has(code)) {
    return { message: 'Internal error.', ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  const extensions: Record<string, unknown> = { code };
  for (const key of ['argument', 'reason', 'requestId', 'limit', 'measured', 'allowed']) {
    const value = formatted.extensions?.[key];
    if (typeof value === 'string' || typeof value === 'number') extensions[key] = value;
  }
  return {
    message: boundedEcho(formatted.message),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions,
  };
}

/** An admin error as the HTTP endpoints (the ledger export) answer it: `{ error: { code, message, … } }`, as every HTTP endpoint of the gateway does. */
export function adminHttpException(error: AdminError): HttpException {
  return new HttpException({ error: { code: error.code, message: boundedEcho(error.message), ...error.details } }, adminErrorStatus(error.code));
}

/**
 * The one translation of AdminError at the admin edge, for resolvers, guards
 * and controllers alike. GraphQL errors are recorded with their request by
 * the admin endpoint's ledger plugin; an HTTP refusal is recorded here,
 * before it is sent (or answered LEDGER_UNAVAILABLE when it cannot be).
 */
@Catch(AdminError)
@Injectable()
export class AdminErrorFilter implements ExceptionFilter<AdminError> {
  constructor(private readonly recorder: AdminLedgerRecorder) {}

  catch(error: AdminError, host: ArgumentsHost): GraphQLError | Promise<void> {
    if (host.getType<string>() === 'graphql') return adminGraphQLError(error);
    const request = host.switchToHttp().getRequest<AdminHttpRequest>();
    const response = host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>();
    return this.refuse(request, error).then((answer) => {
      const exception = adminHttpException(answer);
      response.status(exception.getStatus()).json(exception.getResponse());
    });
  }

  private async refuse(request: AdminHttpRequest, error: AdminError): Promise<AdminError> {
    if (error.code === AdminErrorCode.LEDGER_UNAVAILABLE) return error;
    const context = request.adminContext ?? { ...anonymousContext(request, error.details.requestId), person: error.person };
    try {
      await this.recorder.record(context, httpOperation(request), [error.code]);
      // The answer names its record, as every refusal of the gateway does.
      return error.details.requestId ? error : Object.assign(new AdminError(error.code, error.message, { ...error.details, requestId: context.requestId }), { person: error.person });
    } catch {
      return new AdminError(AdminErrorCode.LEDGER_UNAVAILABLE, LEDGER_UNAVAILABLE_MESSAGE, { requestId: context.requestId });
    }
  }
}
