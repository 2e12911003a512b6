import { HttpException, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Request } from 'express';
import { AuthenticationError, authorizationOf, CallerAuthenticator, purposeHeaderOf, PurposeNotAllowedError, type Principal, type VerifiedCaller } from '#identity';
import { ExchangePipeline } from '../exchange/exchange.pipeline.js';
import { httpRefusal } from '../exchange/http-refusal.js';

/**
 * What every request a calling system makes outside `/graphql` goes
 * through: authenticated like an exchange (a fresh client assertion or an
 * issuer's token, with its declared purpose), and refused the way an
 * exchange is refused — recorded in the ledger first, with its exchange id.
 */
@Injectable()
export class CallerRequests {
  constructor(
    private readonly authenticator: CallerAuthenticator,
    private readonly modules: ModuleRef,
  ) {}

  /** The authenticated caller, or the recorded refusal thrown. */
  async principal(request: Request): Promise<Principal> {
    try {
      return await this.authenticator.authenticate(authorizationOf(request), purposeHeaderOf(request));
    } catch (error) {
      if (error instanceof AuthenticationError) throw await this.refuse(request, 401, 'UNAUTHENTICATED', 'The calling system could not be authenticated.');
      if (error instanceof PurposeNotAllowedError) throw await this.refuse(request, 403, 'PURPOSE_NOT_ALLOWED', error.callerMessage, error.caller);
      throw error;
    }
  }

  /** A refusal, recorded in the ledger like any refused exchange before it is sent, with its exchange id. */
  async refuse(request: Request, status: number, code: string, message: string, caller?: Principal | VerifiedCaller): Promise<HttpException> {
    // The pipeline lives in the exchange module; it is looked up, not imported, so that module is built once.
    const refusal = await httpRefusal(this.modules.get(ExchangePipeline, { strict: false }), request, status, code, message, caller);
    return new HttpException(refusal.body, refusal.status);
  }
}
