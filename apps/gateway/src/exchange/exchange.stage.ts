import type { GraphQLRequestContext } from '@apollo/server';
import type { Context as TraceContext } from '@opentelemetry/api';
import type { GraphQLError } from 'graphql';
import type { IncomingMessage } from 'node:http';
import type { ExchangeContext, GatewayContext } from './exchange.context.js';

/** A request the gateway is about to send to a bureau. */
export interface OutgoingFetch {
  bureau: string;
  /** Headers of the HTTP request to the bureau; stages may add to them. */
  headers: Record<string, string>;
  /** The exact body that will be sent. */
  body: string;
  /** The trace context of this call (its client span), for the traceparent header. */
  traceContext?: TraceContext;
}

/**
 * One step of the exchange pipeline. Each hook is optional; the pipeline
 * calls them in stage order. A hook refuses by throwing an exchange error.
 *
 *   admit    before the operation is parsed   (authenticate, readiness)
 *   decide   after it is parsed and validated (limits, field decisions)
 *   forward  for every fetch to a bureau       (signing, trace context)
 *   respond  before the response is released   (masks, receipt, ledger)
 *   refuse   after an admit stage refused        (the ledger records the refusal)
 */
export interface ExchangeStage {
  readonly name: string;
  admit?(exchange: ExchangeContext, request: IncomingMessage): void | Promise<void>;
  decide?(exchange: ExchangeContext, request: GraphQLRequestContext<GatewayContext>): void | Promise<void>;
  forward?(exchange: ExchangeContext, fetch: OutgoingFetch): void | Promise<void>;
  respond?(exchange: ExchangeContext, request: GraphQLRequestContext<GatewayContext>): void | Promise<void>;
  refuse?(exchange: ExchangeContext, request: IncomingMessage, error: GraphQLError): void | Promise<void>;
}
