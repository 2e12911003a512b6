import { NestFactory } from '@nestjs/core';
import express from 'express';
import { createRemoteJWKSet } from 'jose';
import { DataSource } from 'typeorm';
import { ExchangeTokenVerifier, openReplayGuard } from '#exchange-token';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { appLogger, closeOnSignals } from '#config';
import { shutdownTelemetry, traceMiddleware } from '#telemetry';
import { loadBureauConfig } from './bureau.config.js';
import type { BureauDescriptor } from './bureau.descriptor.js';
import { BureauMetrics } from './bureau-metrics.js';
import { BureauRootModule } from './bureau-root.module.js';
import { exchangeTokenMiddleware } from './exchange-token.middleware.js';
import { CheckpointWitness } from './witness/checkpoint-witness.js';
import { witnessRouter } from './witness/witness.router.js';

/** Boots a bureau subgraph: validated config, store, schema, listener, clean shutdown. */
export async function runBureau(descriptor: BureauDescriptor): Promise<void> {
  const config = loadBureauConfig(descriptor.name, descriptor.defaultPort);
  mkdirSync(config.dataDir, { recursive: true });
  const app = await NestFactory.create(BureauRootModule.forRoot(config, descriptor), {
    abortOnError: false,
    logger: appLogger(config.logFormat, ['error', 'warn']),
    // Our own JSON parser, which keeps the raw body for the body-hash check.
    bodyParser: false,
  });
  // No framework banner in every answer.
  app.getHttpAdapter().getInstance().disable('x-powered-by');
  // Each exchange token is accepted once, across the bureau's restarts (and its replicas, with Redis).
  const replays = openReplayGuard({
    redisUrl: config.redisUrl,
    file: join(config.dataDir, `${descriptor.name}.replay-guard.sqlite`),
    scope: `bureau:${descriptor.name}`,
    clockToleranceS: 5,
  });
  const verifier = new ExchangeTokenVerifier({
    audience: descriptor.name,
    issuer: config.gatewayIssuer,
    jwks: config.gatewayJwksUrl,
    replays,
  });
  const metrics = new BureauMetrics(descriptor.name);
  app.use(traceMiddleware(descriptor.name));
  // Prometheus scrapes without a gateway token: nothing personal is in there.
  app.use('/metrics', metrics.handler());
  // The bureau keeps the gateway's ledger checkpoints as a witness; they are signed, and public evidence.
  const witness = new CheckpointWitness(app.get(DataSource), createRemoteJWKSet(config.gatewayJwksUrl, { cooldownDuration: 5_000, timeoutDuration: 5_000 }));
  app.use('/causeway/checkpoints', witnessRouter(witness));
  // Read, not parsed: the exchange-token check comes first and parses the body only for the gateway's requests.
  app.use(express.raw({ limit: '1mb', type: () => true }));
  app.use(exchangeTokenMiddleware(verifier, (reason) => metrics.outcome(reason)));
  await app.listen(config.port, config.host);
  process.stdout.write(`${descriptor.name} bureau listening on http://${config.host}:${config.port}/graphql\n`);
  // One shutdown path (not Nest's enableShutdownHooks as well, which would
  // close twice and re-raise the signal before spans are flushed).
  closeOnSignals(async () => {
    await app.close();
    await replays.close();
    await shutdownTelemetry();
  });
}
