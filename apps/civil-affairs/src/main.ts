import { runMain } from '#config';
import { startTelemetry } from '#telemetry';

runMain('civil-affairs', async () => {
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  // Telemetry starts before the framework is loaded, hence the dynamic imports.
  await startTelemetry('causeway-civil-affairs');
  const { runBureau, bureauSchemaFile } = await import('#bureau-kit');
  const { CivilAffairsModule } = await import('./app.module.js');
  const { CivilRecordEntity } = await import('./civil-record.entity.js');
  const { CreateCivilRecord1764000000000 } = await import('./migrations/1764000000000-create-civil-record.js');
  await runBureau({
    name: 'civil-affairs',
    defaultPort: 4002,
    schemaFile: bureauSchemaFile('civil-affairs'),
    module: CivilAffairsModule,
    entities: [CivilRecordEntity],
    migrations: [CreateCivilRecord1764000000000],
  });
});
