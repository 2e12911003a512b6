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

export type ExchangeRequest = GraphQLRequestContext<GatewayContext>;

/**
 * The phases of one exchange, in the order they run (ARCHITECTURE.md):
 *
 *   admit    before Apollo parses it            who calls, for what purpose; which document; its
 *                                               limits and cost (before validation); is the graph ready
 *   check    after it is parsed and validated   what operation this is
 *   decide   before planning                    every field allowed or denied (reject or filter); daily quotas
 *   forward  for every fetch to a bureau         trace context, the gateway's signature
 *   shape    before the response is released    masks, denied fields null, the receipt
 *   record   last                               the ledger record, committed before release; usage counted
 *   refuse   when admit refused                 the refusal recorded before it is sent
 *
 * A stage refuses by throwing an exchange error (exchange.errors.ts).
 */
export const EXCHANGE_PHASES = ['admit', 'check', 'decide', 'forward', 'shape', 'record', 'refuse'] as const;
export type ExchangePhase = (typeof EXCHANGE_PHASES)[number];

export interface AdmitStage {
  admit(exchange: ExchangeContext, request: IncomingMessage): void | Promise<void>;
}
export interface CheckStage {
  check(exchange: ExchangeContext, request: ExchangeRequest): void | Promise<void>;
}
export interface DecideStage {
  decide(exchange: ExchangeContext, request: ExchangeRequest): void | Promise<void>;
}
export interface ForwardStage {
  forward(exchange: ExchangeContext, fetch: OutgoingFetch): void | Promise<void>;
}
export interface ShapeStage {
  shape(exchange: ExchangeContext, request: ExchangeRequest): void | Promise<void>;
}
export interface RecordStage {
  record(exchange: ExchangeContext, request: ExchangeRequest): void | Promise<void>;
}
export interface RefuseStage {
  refuse(exchange: ExchangeContext, request: IncomingMessage, error: GraphQLError): void | Promise<void>;
}

/** The stages of each phase, in order: the whole pipeline in one value. */
export interface ExchangePhases {
  admit: readonly AdmitStage[];
  check: readonly CheckStage[];
  decide: readonly DecideStage[];
  forward: readonly ForwardStage[];
  shape: readonly ShapeStage[];
  record: readonly RecordStage[];
  refuse: readonly RefuseStage[];
}

/** Injection token of the pipeline's ExchangePhases. */
export const EXCHANGE_STAGES = Symbol('EXCHANGE_STAGES');
