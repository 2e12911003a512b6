import { runMain } from '#config';
import { startTelemetry } from '#telemetry';

runMain('market-regulation', async () => {
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  // Telemetry starts before the framework is loaded, hence the dynamic imports.
  await startTelemetry('causeway-market-regulation');
  const { runBureau, bureauSchemaFile } = await import('#bureau-kit');
  const { MarketRegulationModule } = await import('./app.module.js');
  const { EnterpriseEntity } = await import('./enterprise.entity.js');
  const { CreateEnterprise1764000000000 } = await import('./migrations/1764000000000-create-enterprise.js');
  await runBureau({
    name: 'market-regulation',
    defaultPort: 4004,
    schemaFile: bureauSchemaFile('market-regulation'),
    module: MarketRegulationModule,
    entities: [EnterpriseEntity],
    migrations: [CreateEnterprise1764000000000],
  });
});
