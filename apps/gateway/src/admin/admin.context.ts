import type { IncomingMessage } from 'node:http';
import type { Person } from '#identity';

/** The context of an admin request: who asks, and what the ledger needs to record the request. */
export interface AdminContext {
  person: Person;
  requestId: string;
  startedAt: Date;
  clientAddress: string | null;
  traceId: string | null;
}

/** An admin HTTP request (the ledger export) once RolesGuard has authenticated it. */
export interface AdminHttpRequest extends IncomingMessage {
  adminContext?: AdminContext;
  originalUrl?: string;
}
