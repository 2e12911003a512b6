import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { Context as TraceContext } from '@opentelemetry/api';
import type { Dispatcher } from 'undici';
import { withClientSpan } from '#telemetry';
import type { ExchangeContext } from './exchange.context.js';
import { bureauUnavailable } from './exchange.errors.js';
import type { ExchangePipeline } from './exchange.pipeline.js';

/** One GraphQL request to a bureau, as a federation engine plans it. */
export interface BureauRequest {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
  /** Headers the engine adds (never overriding the content type). */
  headers?: Iterable<[string, string]>;
}

/** Why a call to a bureau failed, as the ledger and the caller see it. */
class BureauCallError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

function failureReason(error: unknown): string {
  if (error instanceof BureauCallError) return error.reason;
  const err = error as { name?: string; cause?: { name?: string } };
  if (err.name === 'TimeoutError' || err.cause?.name === 'TimeoutError') return 'timeout';
  return 'unreachable';
}

/**
 * How the gateway talks to one bureau, whichever federation engine plans
 * the calls. Every call made for an exchange runs the pipeline's `forward`
 * stages on the exact headers and body that go on the wire (signing binds
 * to those bytes) and is counted in the exchange's fetches; every call has
 * a deadline; and any failure becomes one clear BUREAU_UNAVAILABLE error
 * instead of an HTTP error naming internal URLs or echoing the request.
 * Requests go out through undici (BureauHttpClient).
 */
export class BureauCaller {
  private readonly origin: string;
  private readonly path: string;

  constructor(
    readonly bureau: string,
    url: string,
    private readonly pipeline: ExchangePipeline,
    private readonly timeoutMs: number,
    private readonly dispatcher: Dispatcher,
  ) {
    const parsed = new URL(url);
    this.origin = parsed.origin;
    this.path = `${parsed.pathname}${parsed.search}`;
  }

  /** The bureau's answer; throws BUREAU_UNAVAILABLE (a GraphQLError) when there is none to use. */
  async call(request: BureauRequest, exchange: ExchangeContext | undefined): Promise<GatewayGraphQLResponse> {
    const started = performance.now();
    try {
      const response = await withClientSpan(`causeway.fetch ${this.bureau}`, { 'causeway.bureau': this.bureau }, exchange?.traceContext, (traceContext) =>
        this.send(request, exchange, traceContext),
      );
      exchange?.fetches.push({ bureau: this.bureau, ok: !response.errors?.length, durationMs: performance.now() - started });
      return response;
    } catch (error) {
      const reason = failureReason(error);
      exchange?.fetches.push({ bureau: this.bureau, ok: false, durationMs: performance.now() - started, failure: reason });
      throw bureauUnavailable(this.bureau, reason);
    }
  }

  private async send(request: BureauRequest, exchange: ExchangeContext | undefined, traceContext: TraceContext): Promise<GatewayGraphQLResponse> {
    // The GraphQL-over-HTTP body @apollo/gateway's own data source sends.
    const body = JSON.stringify({ query: request.query, variables: request.variables, operationName: request.operationName });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    for (const [name, value] of request.headers ?? []) headers[name] ??= value;
    if (exchange) await this.pipeline.forward(exchange, { bureau: this.bureau, headers, body, traceContext });

    // One deadline for the whole call, answer included: a hung bureau cannot hang the exchange.
    const answer = await this.dispatcher.request({ origin: this.origin, path: this.path, method: 'POST', headers, body, signal: AbortSignal.timeout(this.timeoutMs) });
    if (answer.statusCode < 200 || answer.statusCode > 299) {
      await answer.body.dump();
      throw new BureauCallError(`http-${answer.statusCode}`);
    }
    let parsed: unknown;
    try {
      parsed = await answer.body.json();
    } catch (error) {
      if ((error as { name?: string }).name === 'SyntaxError') throw new BureauCallError('invalid-response');
      throw error;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new BureauCallError('invalid-response');
    return parsed as GatewayGraphQLResponse;
  }
}
