import { Injectable } from '@nestjs/common';
import type { ExchangeContext } from '../exchange.context.js';
import type { ExchangeRequest, ShapeStage } from '../exchange.phases.js';

/**
 * Puts the exchange's identity into `extensions.causeway` of every answer,
 * so a caller can quote it to an auditor, and the bureaus it asked. The ledger adds its position here.
 */
@Injectable()
export class ReceiptStage implements ShapeStage {
  shape(exchange: ExchangeContext, request: ExchangeRequest): void {
    const body = request.response.body;
    if (body?.kind !== 'single') return;
    body.singleResult.extensions = {
      ...body.singleResult.extensions,
      causeway: {
        exchangeId: exchange.id,
        ...(exchange.traceId ? { traceId: exchange.traceId } : {}),
        // Which bureaus this exchange asked (each once), so a caller can tell who served its answer.
        bureaus: [...new Set(exchange.fetches.map((fetch) => fetch.bureau))].sort(),
      },
    };
  }
}
