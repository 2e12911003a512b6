import { Controller, Get, HttpException, Param, Req } from '@nestjs/common';
import type { Request } from 'express';
import { AuthenticationError, CallerAuthenticator, PurposeNotAllowedError } from '#identity';
import { LedgerReader } from '#ledger';

/** Exchange ids as the gateway makes them (UUIDs), and the second record of an undelivered answer. */
const EXCHANGE_ID = /^[0-9a-f-]{36}(\.undelivered)?$/;

function refusal(status: number, code: string, message: string): HttpException {
  return new HttpException({ error: { code, message } }, status);
}

/**
 * GET /ledger/exchanges/:exchangeId — a calling system fetches its own
 * record: the sealed entry, its place and hashes, and the checkpoint it
 * falls under, so that it can check a receipt against it (`causeway receipt
 * verify`). Authenticated like an exchange (a fresh client assertion); a
 * record of another system, or none, is the same 404, so nobody learns
 * which exchange ids exist.
 */
@Controller('ledger/exchanges')
export class CallerRecordsController {
  constructor(
    private readonly authenticator: CallerAuthenticator,
    private readonly reader: LedgerReader,
  ) {}

  @Get(':exchangeId')
  async record(@Param('exchangeId') exchangeId: string, @Req() request: Request) {
    const purpose = request.headers['x-causeway-purpose'];
    let system: string;
    try {
      system = (await this.authenticator.authenticate(request.headers.authorization, Array.isArray(purpose) ? purpose[0] : purpose)).system;
    } catch (error) {
      if (error instanceof AuthenticationError || error instanceof PurposeNotAllowedError) throw refusal(401, 'UNAUTHENTICATED', 'The calling system could not be authenticated.');
      throw error;
    }
    const record = EXCHANGE_ID.test(exchangeId) ? await this.reader.recordOf(exchangeId) : null;
    if (!record || record.system !== system) throw refusal(404, 'NOT_FOUND', 'This system has no exchange with that id.');
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
}
