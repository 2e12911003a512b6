import { Controller, Get, HttpException, Param, Req } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { GraphQLError } from 'graphql';
import type { Request } from 'express';
import { AuthenticationError, CallerAuthenticator, PurposeNotAllowedError, type Principal } from '#identity';
import { LedgerReader } from '#ledger';
import { ExchangePipeline } from '../exchange/exchange.pipeline.js';

/** Exchange ids as the gateway makes them (UUIDs), and the second record of an undelivered answer. */
const EXCHANGE_ID = /^[0-9a-f-]{36}(\.undelivered)?$/;

/**
 * GET /ledger/exchanges/:exchangeId — a calling system fetches its own
 * record: the sealed entry, its place and hashes, and the checkpoint it
 * falls under, so that it can check a receipt against it (`causeway receipt
 * verify`). Authenticated like an exchange (a fresh client assertion); a
 * record of another system, or none, is the same 404, so nobody learns
 * which exchange ids exist. Refusals are recorded in the ledger.
 */
@Controller('ledger/exchanges')
export class CallerRecordsController {
  constructor(
    private readonly authenticator: CallerAuthenticator,
    private readonly reader: LedgerReader,
    private readonly modules: ModuleRef,
  ) {}

  @Get(':exchangeId')
  async record(@Param('exchangeId') exchangeId: string, @Req() request: Request) {
    const purpose = request.headers['x-causeway-purpose'];
    let principal: Principal;
    try {
      principal = await this.authenticator.authenticate(request.headers.authorization, Array.isArray(purpose) ? purpose[0] : purpose);
    } catch (error) {
      if (error instanceof AuthenticationError || error instanceof PurposeNotAllowedError)
        throw await this.refuse(request, 401, 'UNAUTHENTICATED', 'The calling system could not be authenticated.');
      throw error;
    }
    const record = EXCHANGE_ID.test(exchangeId) ? await this.reader.recordOf(exchangeId) : null;
    if (!record || record.system !== principal.system) throw await this.refuse(request, 404, 'NOT_FOUND', 'This system has no exchange with that id.', principal);
    const covering = await this.reader.checkpointCovering(record.chain, record.seq);
    return {
      exchangeId,
      chain: record.chain,
      seq: record.seq,
      previousHash: record.previousHash,
      hash: record.hash,
      entry: JSON.parse(record.content) as unknown,
      checkpoint: covering && { number: covering.checkpoint.number, seq: covering.head.seq, hash: covering.head.hash, jws: covering.checkpoint.jws },
    };
  }

  /** A refusal is recorded in the ledger like any refused exchange (the pipeline's refuse phase) before it is sent, with its exchange id. */
  private async refuse(request: Request, status: number, code: string, message: string, principal?: Principal): Promise<HttpException> {
    // The pipeline lives in the exchange module; it is looked up, not imported, so that module is built once.
    const pipeline = this.modules.get(ExchangePipeline, { strict: false });
    const recorded = await pipeline.refuseRequest(request, new GraphQLError(message, { extensions: { code } }), principal);
    const extensions = recorded.extensions as { code?: string; exchangeId?: string };
    // LEDGER_UNAVAILABLE when even the refusal could not be recorded.
    const answered = extensions.code === 'LEDGER_UNAVAILABLE' ? 503 : status;
    return new HttpException({ error: { code: extensions.code ?? code, message: recorded.message, exchangeId: extensions.exchangeId } }, answered);
  }
}
