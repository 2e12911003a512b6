import type { Person } from '#identity';

/** The GraphQL context of an admin request: who asks, and what the ledger needs to record the request. */
export interface AdminContext {
  person: Person;
  requestId: string;
  startedAt: Date;
  clientAddress: string | null;
  traceId: string | null;
}
