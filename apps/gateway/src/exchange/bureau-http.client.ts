import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Agent } from 'undici';

/**
 * The gateway's HTTP client for bureaus: one keep-alive connection pool per
 * bureau origin, shared by the data sources of every supergraph version.
 *
 * undici's request API rather than Node's global fetch: fetch wraps the
 * same client in WHATWG Request/Response objects and web streams, and on
 * the benchmark's small lookup that wrapping cost more CPU than the call
 * itself (≈ 300 µs against ≈ 50 µs per request, bench/README.md).
 */
@Injectable()
export class BureauHttpClient implements OnModuleDestroy {
  readonly dispatcher = new Agent({
    // Bounded: a stalled bureau cannot make the gateway open sockets without end.
    connections: 128,
    keepAliveTimeout: 10_000,
  });

  async onModuleDestroy(): Promise<void> {
    await this.dispatcher.close();
  }
}
