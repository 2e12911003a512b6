import { existsSync } from 'node:fs';
import { z } from 'zod';
import { loadConfig, resolveFromCwd, type EnvSource } from '#config';
import { DATABASE_ENV, gatewayDatabaseOf, type GatewayDatabase, type RuntimeRole } from '#database';

export interface MigrateConfig {
  database: Extract<GatewayDatabase, { type: 'postgres' }>;
  /** The role the gateway runs as, granted exactly what it needs after the migrations; unset: no grants. */
  runtimeRole?: RuntimeRole;
}

const schema = z.object({
  ...DATABASE_ENV,
  CAUSEWAY_DATABASE_URL: z
    .string({ error: 'is required: the PostgreSQL database to migrate, as its owner role (the embedded SQLite database migrates itself)' })
    .regex(/^postgres(ql)?:\/\/[^\s]+$/, 'must be a postgres:// URL'),
  CAUSEWAY_DATABASE_RUNTIME_ROLE: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case PostgreSQL role name')
    .optional(),
  CAUSEWAY_DATABASE_RUNTIME_PASSWORD_FILE: z
    .string()
    .optional()
    .refine((file) => !file || existsSync(resolveFromCwd(file)), { message: 'no such file' }),
});

/** The migration job's configuration: the owner's connection (the gateway's CAUSEWAY_DATABASE_* variables) and the runtime role. */
export function loadMigrateConfig(env: EnvSource = process.env): MigrateConfig {
  const values = loadConfig('migrate', schema, env);
  const database = gatewayDatabaseOf(values, '.') as MigrateConfig['database'];
  if (!values.CAUSEWAY_DATABASE_RUNTIME_ROLE) return { database };
  const passwordFile = values.CAUSEWAY_DATABASE_RUNTIME_PASSWORD_FILE;
  return { database, runtimeRole: { name: values.CAUSEWAY_DATABASE_RUNTIME_ROLE, ...(passwordFile ? { passwordFile: resolveFromCwd(passwordFile) } : {}) } };
}
