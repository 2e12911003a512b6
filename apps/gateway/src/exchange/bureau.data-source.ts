import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { AsyncLocalStorage } from 'node:async_hooks';
import { withClientSpan } from '#telemetry';
import type { ExchangeContext, GatewayContext } from './exchange.context.js';
import { bureauUnavailable } from './exchange.errors.js';
import type { ExchangePipeline } from './exchange.pipeline.js';

type ProcessOptions = GraphQLDataSourceProcessOptions<GatewayContext>;
type Fetcher = RemoteGraphQLDataSource['fetcher'];
type IncomingOperation = Extract<ProcessOptions, { incomingRequestContext: unknown }>;

/** GraphQLDataSourceRequestKind.INCOMING_OPERATION; @apollo/gateway does not export the enum. */
function isIncomingOperation(options: ProcessOptions): options is IncomingOperation {
  return (options.kind as string) === 'incoming operation';
}

function failureReason(error: unknown): string {
  const err = error as {
    name?: string;
    cause?: { name?: string };
    extensions?: { response?: { status?: number } };
  };
  if (err.name === 'TimeoutError' || err.cause?.name === 'TimeoutError') return 'timeout';
  const status = err.extensions?.response?.status;
  if (typeof status === 'number') return `http-${status}`;
  return 'unreachable';
}

/**
 * How the gateway talks to one bureau. Every fetch made for an exchange runs
 * the pipeline's `forward` stages on the exact headers and body that go on
 * the wire (signing binds to those bytes), and any failure becomes one clear
 * BUREAU_UNAVAILABLE error instead of a fetch error naming internal URLs.
 */
export class BureauDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /**
   * Apollo builds the body inside its private sendRequest and hands it to the
   * fetcher, which receives no context; this carries the exchange from
   * process() down to the fetcher on the same async path.
   */
  private readonly currentExchange = new AsyncLocalStorage<ExchangeContext>();

  constructor(
    private readonly bureau: string,
    url: string,
    private readonly pipeline: ExchangePipeline,
    private readonly timeoutMs: number,
  ) {
    super({ url });
    this.fetcher = this.forwardingFetch.bind(this) as unknown as Fetcher;
  }

  private async forwardingFetch(url: string, init: { method?: string; headers: Record<string, string>; body?: string }) {
    const exchange = this.currentExchange.getStore();
    const headers = { ...init.headers };
    if (exchange) await this.pipeline.forward(exchange, { bureau: this.bureau, headers, body: init.body ?? '' });
    // Node's own fetch with a deadline: a hung bureau cannot hang the exchange.
    return fetch(url, { method: init.method, headers, body: init.body, signal: AbortSignal.timeout(this.timeoutMs) });
  }

  override async process(options: ProcessOptions): Promise<GatewayGraphQLResponse> {
    const exchange = isIncomingOperation(options) ? options.context.exchange : undefined;
    const started = performance.now();
    try {
      const response = await withClientSpan(`causeway.fetch ${this.bureau}`, { 'causeway.bureau': this.bureau }, () =>
        exchange ? this.currentExchange.run(exchange, () => super.process(options)) : super.process(options),
      );
      exchange?.fetches.push({ bureau: this.bureau, ok: !response.errors?.length, durationMs: performance.now() - started });
      return response;
    } catch (error) {
      const reason = failureReason(error);
      exchange?.fetches.push({ bureau: this.bureau, ok: false, durationMs: performance.now() - started, failure: reason });
      throw bureauUnavailable(this.bureau, reason);
    }
  }
}
