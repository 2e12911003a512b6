import { Injectable, Logger } from '@nestjs/common';
import type { GraphQLError } from 'graphql';
import type { IncomingMessage } from 'node:http';
import type { ExchangeContext } from '../exchange.context.js';
import type { ExchangeRequest, RecordStage, RefuseStage } from '../exchange.phases.js';

/**
 * One access line per exchange, once it is recorded: exchange and trace id,
 * the authenticated system and purpose (never what an unverified token
 * claimed), decision, HTTP status, duration and the bureaus asked. Nothing
 * of the operation, its variables, the answer or the token.
 */
@Injectable()
export class AccessLogStage implements RecordStage, RefuseStage {
  private readonly logger = new Logger('Access');

  record(exchange: ExchangeContext, request: ExchangeRequest): void {
    this.line(exchange, request.response.http.status ?? 200);
  }

  refuse(exchange: ExchangeContext, _request: IncomingMessage, error: GraphQLError): void {
    this.line(exchange, Number((error.extensions?.http as { status?: number } | undefined)?.status ?? 400));
  }

  private line(exchange: ExchangeContext, status: number): void {
    this.logger.log({
      exchangeId: exchange.id,
      traceId: exchange.traceId,
      system: (exchange.principal ?? exchange.verifiedCaller)?.system ?? null,
      purpose: exchange.principal?.purpose ?? null,
      decision: exchange.recorded?.decision ?? null,
      status,
      durationMs: Math.round((Date.now() - exchange.startedAt.getTime()) * 10) / 10,
      bureaus: [...new Set(exchange.fetches.map((fetch) => fetch.bureau))].sort(),
    });
  }
}
