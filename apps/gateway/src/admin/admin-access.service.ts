import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AuthenticationError, PersonAuthenticator } from '#identity';
import { requestTraceContext, traceIdOf } from '#telemetry';
import type { AdminContext } from './admin.context.js';
import { AdminError, AdminErrorCode } from './admin.error.js';

/** Who is asking on the admin side: a person's token, checked once per request, for the GraphQL endpoint and the export alike. */
@Injectable()
export class AdminAccess {
  constructor(private readonly people: PersonAuthenticator) {}

  /** The request's context, or AdminError UNAUTHENTICATED carrying the request id it will be recorded under. */
  async authenticate(request: IncomingMessage): Promise<AdminContext> {
    const requestId = randomUUID();
    try {
      const person = await this.people.authenticate(request.headers.authorization);
      return { person, requestId, startedAt: new Date(), clientAddress: request.socket.remoteAddress ?? null, traceId: traceIdOf(requestTraceContext(request)) ?? null };
    } catch (error) {
      const reason = error instanceof AuthenticationError ? error.reason : 'INTERNAL';
      throw new AdminError(AdminErrorCode.UNAUTHENTICATED, 'The person could not be authenticated.', { reason, requestId });
    }
  }
}
