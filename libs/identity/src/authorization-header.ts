import type { IncomingHttpHeaders } from 'node:http';
import { headerLines } from '#config';
import { AuthenticationError } from './identity.error.js';

/**
 * A request's Authorization header, for the authenticators. Node keeps the
 * first of two and drops the other, while a proxy in front may read the
 * last: who calls must not depend on who reads the request, so two are
 * refused (MALFORMED_TOKEN) wherever a caller or a person authenticates.
 */
export function authorizationOf(request: { headers: IncomingHttpHeaders; rawHeaders: readonly string[] }): string | undefined {
  if (headerLines(request.rawHeaders, 'authorization') > 1) throw new AuthenticationError('MALFORMED_TOKEN');
  return request.headers.authorization;
}
