import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdirSync } from 'node:fs';
import { appLogger, closeOnSignals, projectRoot, stopServing } from '#config';
import { shutdownTelemetry, traceMiddleware } from '#telemetry';
import { loadGatewayConfig } from './gateway.config.js';
import { GatewayModule } from './gateway.module.js';
import { SupergraphService } from './supergraph/supergraph.service.js';
import { AdminLedgerRecorder } from './admin/admin-ledger.recorder.js';
import { consoleDir, consoleStatic } from './console/console-static.middleware.js';
import { ExchangePipeline } from './exchange/exchange.pipeline.js';
import { answerClientErrors, hostRefusal } from './exchange/client-error.handler.js';
import { requestEnvelope } from './exchange/request-envelope.middleware.js';
import { UnexpectedErrorFilter } from './exchange/unexpected-error.filter.js';
import { UnknownRouteFilter } from './exchange/unknown-route.filter.js';

/** Starts the gateway; `exchange` replaces the exchange module (the benchmark's gateway only). */
export async function runGateway(exchange?: DynamicModule): Promise<void> {
  const config = loadGatewayConfig();
  mkdirSync(config.dataDir, { recursive: true });
  const app = await NestFactory.create(GatewayModule.forRoot(config, exchange), {
    abortOnError: false,
    logger: appLogger(config.logFormat, ['error', 'warn', 'log']),
    // Bodies are read only by the GraphQL endpoints' envelopes below, which answer and record every malformed one.
    bodyParser: false,
  });
  // No framework banner in every answer.
  app.getHttpAdapter().getInstance().disable('x-powered-by');
  const pipeline = app.get(ExchangePipeline);
  app.use(hostRefusal(app.getHttpServer(), pipeline));
  // Every answer is what its content type says: no browser may sniff a JSON refusal into something it runs. (One header;
  // the console's pages set their full policy themselves, so helmet's other defaults would only be repeated here.)
  app.use((_request: unknown, response: { setHeader: (name: string, value: string) => void }, next: () => void) => {
    response.setHeader('x-content-type-options', 'nosniff');
    next();
  });
  app.use(traceMiddleware('gateway'));
  // Browsers: only the configured origins (none by default); a preflight is answered here, before the envelopes below.
  app.enableCors({
    origin: config.corsOrigins,
    methods: ['POST'],
    allowedHeaders: ['authorization', 'content-type', 'x-causeway-purpose', 'x-causeway-enforcement', 'traceparent'],
    maxAge: 600,
  });
  app.use(
    '/graphql',
    requestEnvelope(config.limits, async (req, error) => {
      const refusal = await pipeline.refuseRequest(req, error);
      return { error: refusal, ids: { exchangeId: String(refusal.extensions.exchangeId) } };
    }),
  );
  // Nest tries global filters last-registered first: "no route" before the catch-all for anything unexpected.
  app.useGlobalFilters(new UnexpectedErrorFilter(pipeline, app.getHttpAdapter()), new UnknownRouteFilter(pipeline));
  // The console for people (apps/console), same origin as the admin API it calls.
  app.use('/console', ...consoleStatic(consoleDir(projectRoot()), config.console.oidc?.issuer ?? null));
  const recorder = app.get(AdminLedgerRecorder);
  app.use(
    '/admin/graphql',
    requestEnvelope(config.limits, (req, error) => recorder.refuseRequest(req, error)),
  );
  answerClientErrors(app.getHttpServer(), pipeline);
  await app.listen(config.port, config.host);
  app.get(SupergraphService).startComposing();
  process.stdout.write(`gateway listening on http://${config.host}:${config.port}/graphql\n`);
  // One shutdown path (not Nest's enableShutdownHooks as well, which would
  // close twice and re-raise the signal before spans are flushed).
  // In this order: the answers in flight are finished (and recorded) before the ledger and the database close.
  closeOnSignals(async () => {
    await stopServing(app.getHttpServer(), config.shutdownGraceMs);
    // Exchanges whose connections were cut at the deadline finish and are recorded (as undelivered too) before the ledger closes.
    await pipeline.drain(5_000);
    await app.close();
    await shutdownTelemetry();
  }, config.shutdownGraceMs + 10_000);
}
