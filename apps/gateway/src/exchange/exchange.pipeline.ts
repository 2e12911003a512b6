import type { ApolloServerPlugin } from '@apollo/server';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import { requestTraceContext, traceIdOf } from '#telemetry';
import type { ExchangeContext, GatewayContext } from './exchange.context.js';
import { callerCode, withExchangeId } from './exchange.errors.js';
import type { ExchangeStage, OutgoingFetch } from './exchange.stage.js';
import { AuthenticationStage } from './stages/authentication.stage.js';
import { LedgerStage } from './stages/ledger.stage.js';
import { PolicyStage } from './stages/policy.stage.js';
import { ReadinessStage } from './stages/readiness.stage.js';
import { ReceiptStage } from './stages/receipt.stage.js';
import { SigningStage } from './stages/signing.stage.js';
import { TraceContextStage } from './stages/trace-context.stage.js';

/**
 * The exchange pipeline: the one place that says what happens to every
 * operation, in order. Apollo's plugin hooks and the bureau data sources
 * only call into it.
 *
 *   1 admit     authentication, readiness
 *   2 decide    policy (every selected field; reject or filter)   (limits join here)
 *   3 forward   trace context, signing
 *   4 respond   policy (masks, nulls, FORBIDDEN_FIELD), receipt, ledger (commit before release)
 *   refused     ledger (the refusal is recorded before it is sent)
 */
@Injectable()
export class ExchangePipeline {
  private readonly stages: readonly ExchangeStage[];
  private readonly logger = new Logger('Exchange');

  constructor(
    authentication: AuthenticationStage,
    readiness: ReadinessStage,
    policy: PolicyStage,
    traceContext: TraceContextStage,
    signing: SigningStage,
    receipt: ReceiptStage,
    ledger: LedgerStage,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    // Trace context before signing: the token carries the traceparent.
    // The ledger last: it records the answer exactly as it will be released.
    const off = new Set<string>(config.benchLayersOff);
    this.stages = [authentication, readiness, policy, traceContext, signing, receipt, ledger].filter((stage) => !(off.has(stage.name) && stage.name !== 'authentication'));
    if (off.size > 0) {
      this.logger.warn(`BENCHMARK GATEWAY: security layer(s) OFF: ${[...off].join(', ')}. Loopback only; never serve real data with it.`);
    }
  }

  get stageNames(): string[] {
    return this.stages.map((stage) => stage.name);
  }

  /**
   * Opens the exchange for an HTTP request and runs the admit stages; the
   * result is the GraphQL context value. This runs as Apollo's context
   * function because that is the one hook before parsing whose GraphQL
   * errors (code and HTTP status) reach the caller as thrown.
   */
  async open(req: IncomingMessage): Promise<GatewayContext> {
    const traceContext = requestTraceContext(req);
    const exchange: ExchangeContext = {
      id: randomUUID(),
      startedAt: new Date(),
      clientAddress: req.socket.remoteAddress ?? null,
      traceContext,
      traceId: traceIdOf(traceContext) ?? null,
      operationName: null,
      fetches: [],
    };
    try {
      for (const stage of this.stages) await stage.admit?.(exchange, req);
    } catch (error) {
      const refusal = withExchangeId(error, exchange.id);
      const graphqlError = refusal instanceof GraphQLError ? refusal : new GraphQLError('Internal error.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      // A refusal that cannot be recorded is answered as LEDGER_UNAVAILABLE (thrown by the ledger stage).
      for (const stage of this.stages) await stage.refuse?.(exchange, req, graphqlError);
      throw refusal;
    }
    return { exchange };
  }

  async forward(exchange: ExchangeContext, fetch: OutgoingFetch): Promise<void> {
    for (const stage of this.stages) await stage.forward?.(exchange, fetch);
  }

  /** The Apollo Server plugin that drives admit, decide and respond. */
  plugin(): ApolloServerPlugin<GatewayContext> {
    const { stages, logger } = this;
    return {
      async requestDidStart({ contextValue }) {
        const { exchange } = contextValue;
        return {
          async didResolveOperation(request) {
            exchange.operationName = request.operationName ?? null;
            exchange.document = request.document;
            for (const stage of stages) await stage.decide?.(exchange, request);
          },
          async didEncounterErrors({ errors }) {
            // Callers see a generic message for these; operators need the real one.
            for (const error of errors) {
              if (callerCode(error.extensions) === 'INTERNAL_SERVER_ERROR') {
                logger.error(`exchange ${exchange.id}: ${error.message}`);
              }
            }
          },
          async willSendResponse(request) {
            for (const stage of stages) await stage.respond?.(exchange, request);
          },
        };
      },
    };
  }
}
