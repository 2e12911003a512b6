export { DATABASE_ENV, gatewayDatabaseOf, type GatewayDatabase } from './database-location.js';
export { dataSourceOptions, type DatabaseFeature } from './data-source-options.js';
export { DatabaseModule } from './database.module.js';
export { seedOnce } from './seed-once.js';
export { insertInChunks } from './insert-in-chunks.js';
export { connectDatabase, migrate } from './connect-database.js';
export { grantRuntimeRole, runtimeGrants, type RuntimeRole, type TableGrant } from './runtime-role.js';
