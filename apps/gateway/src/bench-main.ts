import { runMain } from '#config';
import { startTelemetry } from '#telemetry';

/**
 * The benchmark's gateway (npm run bench): the production gateway, whose
 * security layers CAUSEWAY_BENCH_LAYERS_OFF may take out one at a time to
 * measure what each costs. Loopback only; never a deployment's entry point.
 */
runMain('gateway', async () => {
  // Set before @apollo/gateway is loaded: the gateway must never phone home.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  await startTelemetry('causeway-gateway');
  const { loadBenchLayers } = await import('./bench/bench-layers.config.js');
  const { benchExchangeModule } = await import('./bench/bench-exchange.module.js');
  const { runGateway } = await import('./run-gateway.js');
  await runGateway(benchExchangeModule(loadBenchLayers()));
});
