import { runMain } from '#config';
import { connectDatabase, dataSourceOptions, grantRuntimeRole } from '#database';
import { GATEWAY_FEATURES } from './database/gateway-database.module.js';
import { loadMigrateConfig } from './database/migrate.config.js';

/**
 * The migration job of a PostgreSQL deployment, run as the owner role
 * before the gateways start (a compose service, a Kubernetes Job): creates
 * the schema when missing, runs the migrations, and grants the runtime role
 * (CAUSEWAY_DATABASE_RUNTIME_ROLE) exactly what the gateway needs — only
 * SELECT and INSERT on the ledger. The gateways then run as that role with
 * CAUSEWAY_DATABASE_MIGRATIONS=verify.
 */
runMain('migrate', async () => {
  const config = loadMigrateConfig();
  const dataSource = await connectDatabase(dataSourceOptions(config.database, GATEWAY_FEATURES, { migrationsRun: true }));
  try {
    const [{ schema }] = (await dataSource.query('SELECT coalesce($1, current_schema()) AS schema', [config.database.schema ?? null])) as Array<{ schema: string }>;
    process.stdout.write(`migrations: schema ${schema} is current\n`);
    if (config.runtimeRole) {
      const grants = await grantRuntimeRole(dataSource, schema!, config.runtimeRole, GATEWAY_FEATURES);
      const appendOnly = grants.filter((grant) => grant.privileges === 'SELECT, INSERT').map((grant) => grant.table);
      process.stdout.write(`migrations: role ${config.runtimeRole.name} granted ${grants.length} tables, append-only: ${appendOnly.join(', ')}\n`);
    }
  } finally {
    await dataSource.destroy();
  }
});
