import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AuthenticationError, authorizationOf, PersonAuthenticator } from '#identity';
import { requestTraceContext, traceIdOf } from '#telemetry';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { RateLimiter } from '../quota/rate-limiter.service.js';
import type { AdminContext } from './admin.context.js';
import { AdminError, AdminErrorCode } from './admin.error.js';

/**
 * Who is asking on the admin side: a person's token, checked once per
 * request, for the GraphQL endpoint and the export alike; then the person's
 * request rate (CAUSEWAY_ADMIN_RATE_LIMIT per CAUSEWAY_ADMIN_RATE_WINDOW_S, shared by every
 * replica like the systems' rates): past it, RATE_LIMITED with Retry-After.
 */
@Injectable()
export class AdminAccess {
  constructor(
    private readonly people: PersonAuthenticator,
    private readonly limiter: RateLimiter,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** The request's context, or AdminError UNAUTHENTICATED or RATE_LIMITED carrying the request id it will be recorded under. */
  async authenticate(request: IncomingMessage): Promise<AdminContext> {
    const requestId = randomUUID();
    let person;
    try {
      person = await this.people.authenticate(authorizationOf(request));
    } catch (error) {
      const reason = error instanceof AuthenticationError ? error.reason : 'INTERNAL';
      throw new AdminError(AdminErrorCode.UNAUTHENTICATED, 'The person could not be authenticated.', { reason, requestId });
    }
    const waitMs = await this.limiter.consume(`person:${person.id}`, this.config.limits.adminRateLimit, this.config.limits.adminRateWindowS);
    if (waitMs !== null) {
      const retryAfterS = Math.ceil(waitMs / 1000);
      const refusal = new AdminError(AdminErrorCode.RATE_LIMITED, `Too many requests from ${person.id}: retry in ${retryAfterS} s.`, { requestId, retryAfterS });
      // The ledger records who was refused.
      refusal.person = person;
      throw refusal;
    }
    return { person, requestId, startedAt: new Date(), clientAddress: request.socket.remoteAddress ?? null, traceId: traceIdOf(requestTraceContext(request)) ?? null };
  }
}
