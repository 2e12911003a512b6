import { HttpException, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Request } from 'express';
import { GraphQLError } from 'graphql';
import { AuthenticationError, CallerAuthenticator, PurposeNotAllowedError, type Principal } from '#identity';
import { ExchangePipeline } from '../exchange/exchange.pipeline.js';

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
    const purpose = request.headers['x-causeway-purpose'];
    try {
      return await this.authenticator.authenticate(request.headers.authorization, Array.isArray(purpose) ? purpose[0] : purpose);
    } catch (error) {
      if (error instanceof AuthenticationError) throw await this.refuse(request, 401, 'UNAUTHENTICATED', 'The calling system could not be authenticated.');
      if (error instanceof PurposeNotAllowedError) throw await this.refuse(request, 403, 'PURPOSE_NOT_ALLOWED', 'The declared purpose is not registered for this system.');
      throw error;
    }
  }

  /** A refusal is recorded in the ledger like any refused exchange (the pipeline's refuse phase) before it is sent, with its exchange id. */
  async refuse(request: Request, status: number, code: string, message: string, principal?: Principal): Promise<HttpException> {
    // The pipeline lives in the exchange module; it is looked up, not imported, so that module is built once.
    const pipeline = this.modules.get(ExchangePipeline, { strict: false });
    const recorded = await pipeline.refuseRequest(request, new GraphQLError(message, { extensions: { code } }), principal);
    const extensions = recorded.extensions as { code?: string; exchangeId?: string };
    // LEDGER_UNAVAILABLE when even the refusal could not be recorded.
    const answered = extensions.code === 'LEDGER_UNAVAILABLE' ? 503 : status;
    return new HttpException({ error: { code: extensions.code ?? code, message: recorded.message, exchangeId: extensions.exchangeId } }, answered);
  }
}
