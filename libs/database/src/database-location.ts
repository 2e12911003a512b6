import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { resolveFromCwd } from '#config';

export type GatewayDatabase =
  | { type: 'sqlite'; file: string }
  /** `passwordFile` (a mounted secret) overrides the URL's password. */
  /** `migrations`: `run` them at start (the default), or only `verify` that the owner role has (a runtime role without DDL rights). */
  | { type: 'postgres'; url: string; passwordFile?: string; schema?: string; migrations?: 'run' | 'verify' };

/**
 * The CAUSEWAY_DATABASE_* variables, validated the same way wherever the
 * gateway's database is opened (the gateway and the CLI). The URL may carry
 * a password: it is checked for its scheme, never echoed.
 */
export const DATABASE_ENV = {
  CAUSEWAY_DATABASE_URL: z
    .string()
    .optional()
    .refine((url) => !url || /^postgres(ql)?:\/\/[^\s]+$/.test(url), { message: 'must be a postgres:// URL (leave unset for embedded SQLite)' }),
  CAUSEWAY_DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case PostgreSQL schema name')
    .optional(),
  CAUSEWAY_DATABASE_PASSWORD_FILE: z
    .string()
    .optional()
    .refine((file) => !file || existsSync(resolveFromCwd(file)), { message: 'no such file' }),
  CAUSEWAY_DATABASE_MIGRATIONS: z.enum(['run', 'verify'], { error: 'must be run or verify' }).default('run'),
};

/**
 * Where the gateway database is: PostgreSQL when a URL is given, else the
 * embedded SQLite file in the data directory.
 */
export function gatewayDatabaseOf(
  values: { CAUSEWAY_DATABASE_URL?: string; CAUSEWAY_DATABASE_SCHEMA?: string; CAUSEWAY_DATABASE_PASSWORD_FILE?: string; CAUSEWAY_DATABASE_MIGRATIONS?: 'run' | 'verify' },
  dataDir: string,
): GatewayDatabase {
  if (!values.CAUSEWAY_DATABASE_URL) return { type: 'sqlite', file: join(dataDir, 'gateway.sqlite') };
  return {
    type: 'postgres',
    url: values.CAUSEWAY_DATABASE_URL,
    ...(values.CAUSEWAY_DATABASE_SCHEMA ? { schema: values.CAUSEWAY_DATABASE_SCHEMA } : {}),
    ...(values.CAUSEWAY_DATABASE_PASSWORD_FILE ? { passwordFile: resolveFromCwd(values.CAUSEWAY_DATABASE_PASSWORD_FILE) } : {}),
    ...(values.CAUSEWAY_DATABASE_MIGRATIONS === 'verify' ? { migrations: 'verify' as const } : {}),
  };
}
