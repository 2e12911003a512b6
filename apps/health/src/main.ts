import { runMain } from '#config';
import { startTelemetry } from '#telemetry';

runMain('health', async () => {
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  // Telemetry starts before the framework is loaded, hence the dynamic imports.
  await startTelemetry('causeway-health');
  const { runBureau, bureauSchemaFile } = await import('#bureau-kit');
  const { HealthBureauModule } = await import('./app.module.js');
  const { HealthRecordEntity } = await import('./health-record.entity.js');
  const { VaccinationEntity } = await import('./vaccination.entity.js');
  const { CreateHealthRecords1764000000000 } = await import('./migrations/1764000000000-create-health-records.js');
  await runBureau({
    name: 'health',
    defaultPort: 4003,
    schemaFile: bureauSchemaFile('health'),
    module: HealthBureauModule,
    entities: [HealthRecordEntity, VaccinationEntity],
    migrations: [CreateHealthRecords1764000000000],
  });
});
