import { runMain } from '#config';
import { startTelemetry } from '#telemetry';

runMain('public-security', async () => {
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  // Telemetry starts before the framework is loaded, hence the dynamic imports.
  await startTelemetry('causeway-public-security');
  const { runBureau, bureauSchemaFile } = await import('#bureau-kit');
  const { PublicSecurityModule } = await import('./app.module.js');
  const { PersonEntity } = await import('./person.entity.js');
  const { CreatePerson1764000000000 } = await import('./migrations/1764000000000-create-person.js');
  await runBureau({
    name: 'public-security',
    defaultPort: 4001,
    schemaFile: bureauSchemaFile('public-security'),
    module: PublicSecurityModule,
    entities: [PersonEntity],
    migrations: [CreatePerson1764000000000],
  });
});
