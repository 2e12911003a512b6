import { Injectable } from '@nestjs/common';
import { ObjectionMarks } from '../../corrections/objection-marks.service.js';
import type { ExchangeContext } from '../exchange.context.js';
import type { ExchangeRequest, ShapeStage } from '../exchange.phases.js';

/**
 * Puts the exchange's identity into `extensions.causeway` of every answer,
 * so a caller can quote it to an auditor, and the bureaus it asked. The ledger adds its position here.
 * Where an answer serves a field its owner marked as under objection (an
 * open correction report), `objections` says so, field by field.
 */
@Injectable()
export class ReceiptStage implements ShapeStage {
  constructor(private readonly marks: ObjectionMarks) {}

  shape(exchange: ExchangeContext, request: ExchangeRequest): void {
    const body = request.response.body;
    if (body?.kind !== 'single') return;
    const served = body.singleResult.data ? (exchange.policy?.fields ?? []).filter((field) => field.allowed).flatMap((field) => field.coordinates) : [];
    const objections = this.marks.on(served, new Set((exchange.subjects ?? []).map((subject) => subject.token)));
    body.singleResult.extensions = {
      ...body.singleResult.extensions,
      causeway: {
        exchangeId: exchange.id,
        ...(exchange.traceId ? { traceId: exchange.traceId } : {}),
        // Which bureaus this exchange asked (each once), so a caller can tell who served its answer.
        bureaus: [...new Set(exchange.fetches.map((fetch) => fetch.bureau))].sort(),
        ...(objections.length > 0 ? { objections } : {}),
      },
    };
  }
}
