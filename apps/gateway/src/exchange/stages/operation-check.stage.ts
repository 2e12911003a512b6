import { Injectable } from '@nestjs/common';
import type { ExchangeContext } from '../exchange.context.js';
import type { CheckStage, ExchangeRequest } from '../exchange.phases.js';

/**
 * Apollo Server has parsed the operation and validated it against the
 * supergraph's API schema (a failure never reaches this phase: it is
 * answered with its GRAPHQL_* code and recorded). What the exchange keeps:
 * the operation as the caller sent it, before any field is filtered out.
 */
@Injectable()
export class OperationCheckStage implements CheckStage {
  check(exchange: ExchangeContext, request: ExchangeRequest): void {
    exchange.operationName = request.operationName ?? null;
    exchange.document = request.document;
  }
}
