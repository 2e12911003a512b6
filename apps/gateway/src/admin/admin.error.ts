import type { Person } from '#identity';
/** The codes of the admin API's errors; the closed set a person can see besides GraphQL's own request errors. */
export enum AdminErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  /** An operation beyond the gateway's limits (admin operations and simulated ones alike). */
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  /** An operation that can return more records than the gateway's limit. */
  QUERY_TOO_COSTLY = 'QUERY_TOO_COSTLY',
  /** The federated graph (and so the catalog) is not loaded yet. */
  NOT_READY = 'BAD_REQUEST',
  LEDGER_UNAVAILABLE = 'LEDGER_UNAVAILABLE',
  /** A person past their request rate. */
  RATE_LIMITED = 'RATE_LIMITED',
}

/**
 * The admin side's one domain error: services and guards throw it; only the
 * edge (admin-error.mapper.ts) turns it into a GraphQL error or an HTTP
 * answer. `argument` names the offending input; `reason` says why a person
 * was not authenticated.
 */
export class AdminError extends Error {
  /** Who was refused, when it is known (a person past their rate): recorded, never sent. */
  person: Person | null = null;

  constructor(
    readonly code: AdminErrorCode,
    message: string,
    readonly details: { argument?: string; reason?: string; requestId?: string; limit?: string; measured?: number; allowed?: number; retryAfterS?: number } = {},
  ) {
    super(message);
  }

  static forbidden(message: string): AdminError {
    return new AdminError(AdminErrorCode.FORBIDDEN, message);
  }

  static badInput(message: string, argument: string): AdminError {
    return new AdminError(AdminErrorCode.BAD_USER_INPUT, message, { argument });
  }

  /** An operation over one of the limits; `argument` when it was an argument's operation (simulate). */
  static tooComplex(exceeded: { limit: string; measured: number; allowed: number }, argument?: string): AdminError {
    const details = { ...exceeded, ...(argument ? { argument } : {}) };
    const code = exceeded.limit === 'records' ? AdminErrorCode.QUERY_TOO_COSTLY : AdminErrorCode.QUERY_TOO_COMPLEX;
    return new AdminError(code, `The operation exceeds the gateway's ${exceeded.limit} limit: ${exceeded.measured} > ${exceeded.allowed}.`, details);
  }
}
