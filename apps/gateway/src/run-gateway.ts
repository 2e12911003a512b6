import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdirSync } from 'node:fs';
import { closeOnSignals } from '#config';
import { shutdownTelemetry, traceMiddleware } from '#telemetry';
import { loadGatewayConfig } from './gateway.config.js';
import { GatewayModule } from './gateway.module.js';
import { SupergraphService } from './supergraph/supergraph.service.js';

/** Starts the gateway; `exchange` replaces the exchange module (the benchmark's gateway only). */
export async function runGateway(exchange?: DynamicModule): Promise<void> {
  const config = loadGatewayConfig();
  mkdirSync(config.dataDir, { recursive: true });
  const app = await NestFactory.create(GatewayModule.forRoot(config, exchange), {
    abortOnError: false,
    logger: ['error', 'warn', 'log'],
  });
  app.use(traceMiddleware('gateway'));
  await app.listen(config.port, config.host);
  app.get(SupergraphService).startComposing();
  process.stdout.write(`gateway listening on http://${config.host}:${config.port}/graphql\n`);
  // One shutdown path (not Nest's enableShutdownHooks as well, which would
  // close twice and re-raise the signal before spans are flushed).
  closeOnSignals(async () => {
    await app.close();
    await shutdownTelemetry();
  });
}
