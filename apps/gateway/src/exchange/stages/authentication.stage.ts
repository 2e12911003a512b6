import { Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { AuthenticationError, authorizationOf, CallerAuthenticator, purposeHeaderOf, PurposeNotAllowedError, type AuthenticationReason } from '#identity';
import type { ExchangeContext } from '../exchange.context.js';
import { exchangeError } from '../exchange.errors.js';
import type { AdmitStage } from '../exchange.phases.js';

/**
 * What a refused caller is told. A token naming an unregistered system, an
 * unknown key and a bad signature get one answer: otherwise an unsigned
 * token would tell which system ids are registered.
 */
function callerReason(reason: AuthenticationReason): string {
  return reason === 'UNKNOWN_SYSTEM' || reason === 'UNKNOWN_KEY' || reason === 'BAD_SIGNATURE' ? 'INVALID_TOKEN' : reason;
}

/** Establishes who is calling and for what declared purpose, or refuses the exchange. */
@Injectable()
export class AuthenticationStage implements AdmitStage {
  constructor(private readonly authenticator: CallerAuthenticator) {}

  async admit(exchange: ExchangeContext, request: IncomingMessage): Promise<void> {
    try {
      exchange.principal = await this.authenticator.authenticate(authorizationOf(request), purposeHeaderOf(request));
    } catch (error) {
      if (error instanceof AuthenticationError) {
        throw exchangeError('UNAUTHENTICATED', 'The calling system could not be authenticated.', { reason: callerReason(error.reason) }, 401);
      }
      if (error instanceof PurposeNotAllowedError) {
        exchange.verifiedCaller = error.caller;
        throw exchangeError('PURPOSE_NOT_ALLOWED', error.callerMessage, {}, 403);
      }
      throw error;
    }
  }
}
