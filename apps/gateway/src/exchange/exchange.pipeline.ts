import type { ApolloServerPlugin } from '@apollo/server';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { withLogFields } from '#config';
import { requestTraceContext, traceIdOf, withSpan } from '#telemetry';
import type { Principal, VerifiedCaller } from '#identity';
import type { ExchangeContext, GatewayContext } from './exchange.context.js';
import { callerCode, withExchangeId } from './exchange.errors.js';
import { GatewayMetrics } from '../metrics/gateway-metrics.service.js';
import { EXCHANGE_STAGES, type ExchangePhases, type OutgoingFetch } from './exchange.phases.js';

/** A new exchange for an HTTP request: its id, start, client and trace. */
function newExchange(req: IncomingMessage): ExchangeContext {
  const traceContext = requestTraceContext(req);
  return {
    id: randomUUID(),
    startedAt: new Date(),
    clientAddress: req.socket.remoteAddress ?? null,
    // Express links each request to its response.
    httpResponse: (req as IncomingMessage & { res?: ServerResponse }).res ?? null,
    traceContext,
    traceId: traceIdOf(traceContext) ?? null,
    operationName: null,
    fetches: [],
  };
}

/**
 * The exchange pipeline: the one place that runs the phases of every
 * operation (exchange.phases.ts), in order. Apollo's hooks and the bureau
 * data sources only call into it; which stages make up each phase is the
 * ExchangePhases value the exchange module builds.
 */
@Injectable()
export class ExchangePipeline {
  private readonly logger = new Logger('Exchange');
  /** Exchanges opened and not yet through their record phase. */
  private inFlight = 0;
  private readonly idle = new Set<() => void>();

  constructor(
    @Inject(EXCHANGE_STAGES) private readonly phases: ExchangePhases,
    private readonly metrics: GatewayMetrics,
  ) {}

  /**
   * Resolves once no exchange is between open and its record (or after
   * `timeoutMs`): at shutdown, exchanges whose connections were cut still
   * finish, and their records (and those of undelivered answers) are
   * written before the ledger closes.
   */
  async drain(timeoutMs: number): Promise<void> {
    if (this.inFlight === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.idle.add(done);
    });
    // The connections' close events of the last answers run on the next turns.
    await new Promise((resolve) => setImmediate(resolve));
  }

  private settled(): void {
    this.inFlight--;
    if (this.inFlight > 0) return;
    for (const resolve of this.idle) resolve();
    this.idle.clear();
  }

  /**
   * Opens the exchange for an HTTP request and runs the admit phase; the
   * result is the GraphQL context value. This runs as Apollo's context
   * function because that is the one hook before parsing whose GraphQL
   * errors (code and HTTP status) reach the caller as thrown. A refusal is
   * recorded (refuse phase) before it is sent.
   */
  async open(req: IncomingMessage): Promise<GatewayContext> {
    const exchange = newExchange(req);
    this.inFlight++;
    try {
      await this.phase('admit', exchange, async () => {
        for (const stage of this.phases.admit) await stage.admit(exchange, req);
      });
    } catch (error) {
      const refusal = await this.refused(exchange, req, error);
      this.settled();
      throw refusal;
    }
    return { exchange };
  }

  /**
   * A request refused before it could be admitted at all (a malformed HTTP
   * request: see request-envelope.middleware.ts): recorded as an exchange of
   * its own, with what is known, and answered with the error returned.
   */
  async refuseRequest(req: IncomingMessage, error: GraphQLError, caller?: Principal | VerifiedCaller): Promise<GraphQLError> {
    const exchange = newExchange(req);
    // A caller authenticated before the refusal (a request for another system's record, a purpose refused) is recorded as who it is.
    if (caller && 'clearance' in caller) exchange.principal = caller;
    else if (caller) exchange.verifiedCaller = caller;
    return this.refused(exchange, req, error);
  }

  /** Runs the refuse phase; the refusal to send, carrying the exchange id (LEDGER_UNAVAILABLE when it could not be recorded). */
  private async refused(exchange: ExchangeContext, req: IncomingMessage, error: unknown): Promise<GraphQLError> {
    const refusal = withExchangeId(error, exchange.id);
    const graphqlError = refusal instanceof GraphQLError ? refusal : new GraphQLError('Internal error.', { extensions: { code: 'INTERNAL_SERVER_ERROR', exchangeId: exchange.id } });
    try {
      await withLogFields({ exchangeId: exchange.id, traceId: exchange.traceId }, async () => {
        for (const stage of this.phases.refuse) await stage.refuse(exchange, req, graphqlError);
      });
    } catch (unrecorded) {
      return withExchangeId(unrecorded, exchange.id) as GraphQLError;
    }
    return graphqlError;
  }

  /** The forward phase, for one fetch to a bureau. */
  async forward(exchange: ExchangeContext, fetch: OutgoingFetch): Promise<void> {
    // Under the bureau call's own span: its signature belongs to that call.
    await this.phase('forward', { ...exchange, traceContext: fetch.traceContext ?? exchange.traceContext }, async () => {
      for (const stage of this.phases.forward) await stage.forward(exchange, fetch);
    });
  }

  /** One phase: a span named after it under the exchange's (or the call's) trace context, and its duration in the metrics. */
  private async phase(name: string, parent: Pick<ExchangeContext, 'id' | 'traceId' | 'traceContext'>, work: () => Promise<void>): Promise<void> {
    const timer = this.metrics.phaseDuration.startTimer({ phase: name });
    try {
      // Every line logged in the phase names the exchange and its trace.
      await withLogFields({ exchangeId: parent.id, traceId: parent.traceId }, () => withSpan(`causeway.${name}`, parent.traceContext, work));
    } finally {
      timer();
    }
  }

  /** The Apollo Server plugin that drives check and decide (after validation), and shape and record (before the response is sent). */
  plugin(): ApolloServerPlugin<GatewayContext> {
    const { phases, logger } = this;
    const phase = (name: string, exchange: ExchangeContext, work: () => Promise<void>) => this.phase(name, exchange, work);
    const settled = () => this.settled();
    return {
      async requestDidStart({ contextValue }) {
        const { exchange } = contextValue;
        return {
          async didResolveOperation(request) {
            await phase('check', exchange, async () => {
              for (const stage of phases.check) await stage.check(exchange, request);
            });
            await phase('decide', exchange, async () => {
              for (const stage of phases.decide) await stage.decide(exchange, request);
            });
          },
          async didEncounterErrors({ errors }) {
            // Callers see a generic message for these; operators need the real one.
            for (const error of errors) {
              if (callerCode(error.extensions) === 'INTERNAL_SERVER_ERROR') logger.error(`exchange ${exchange.id}: ${error.message}`);
            }
          },
          async willSendResponse(request) {
            try {
              await phase('shape', exchange, async () => {
                for (const stage of phases.shape) await stage.shape(exchange, request);
              });
              await phase('record', exchange, async () => {
                for (const stage of phases.record) await stage.record(exchange, request);
              });
            } finally {
              settled();
            }
          },
        };
      },
    };
  }
}
