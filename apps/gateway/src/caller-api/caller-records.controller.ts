import { Controller, Get, Param, Req } from '@nestjs/common';
import type { Request } from 'express';
import { LedgerReader } from '#ledger';
import { CallerRequests } from './caller-requests.service.js';

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
    private readonly callers: CallerRequests,
    private readonly reader: LedgerReader,
  ) {}

  @Get(':exchangeId')
  async record(@Param('exchangeId') exchangeId: string, @Req() request: Request) {
    const principal = await this.callers.principal(request);
    const record = EXCHANGE_ID.test(exchangeId) ? await this.reader.recordOf(exchangeId) : null;
    if (!record || record.system !== principal.system) throw await this.callers.refuse(request, 404, 'NOT_FOUND', 'This system has no exchange with that id.', principal);
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
