import type { IncomingHttpHeaders } from 'node:http';
import { headerLines } from '#config';
import { purposeNameSchema } from './system-registry.js';

/**
 * The purpose a request declares in `X-Causeway-Purpose`, for the
 * authenticator: undefined for none, null for two lines, which name two
 * purposes (Node joins them with ", " into one never declared) and are
 * refused as a purpose not allowed once the token says who is asking.
 */
export function purposeHeaderOf(request: { headers: IncomingHttpHeaders; rawHeaders: readonly string[] }): string | null | undefined {
  if (headerLines(request.rawHeaders, 'x-causeway-purpose') > 1) return null;
  const value = request.headers['x-causeway-purpose'];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * A declared purpose as the ledger may keep it: a well-formed purpose name,
 * else null. Header bytes are read as Latin-1 (a UTF-8 name arrives
 * garbled) and may carry anything: what no registry could hold is not
 * stored as if it were a purpose.
 */
export function wellFormedPurpose(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed && purposeNameSchema.safeParse(trimmed).success ? trimmed : null;
}
