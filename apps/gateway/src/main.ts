import { parseArgs } from 'node:util';
import { runMain } from '#config';
import { startTelemetry } from '#telemetry';

runMain('gateway', async () => {
  // Set before @apollo/gateway is loaded: the gateway must never phone home.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const { values } = parseArgs({ options: { supergraph: { type: 'string' } }, strict: true });
  if (values.supergraph) process.env.CAUSEWAY_SUPERGRAPH_FILE = values.supergraph;
  // Telemetry starts before the framework is loaded, hence the dynamic imports.
  await startTelemetry('causeway-gateway');
  const { runGateway } = await import('./run-gateway.js');
  await runGateway();
});
