import { join } from 'node:path';
import { z } from 'zod';
import { env, loadConfig, LOG_ENV, REDIS_ENV, resolveFromCwd, type EnvSource, type LogFormat } from '#config';
import { DEFAULT_GATEWAY_ISSUER } from '#exchange-token';

export interface BureauConfig {
  name: string;
  host: string;
  port: number;
  /** Directory for the embedded SQLite store (and, later, cached keys). */
  dataDir: string;
  /** json (default) or pretty. */
  logFormat: LogFormat;
  databaseFile: string;
  /** Insert the deterministic demo records into an empty store. */
  seedDemoData: boolean;
  /** Where the gateway publishes the keys it signs exchange tokens with. */
  gatewayJwksUrl: URL;
  /** The `iss` those tokens carry. */
  gatewayIssuer: string;
  /** Redis for the used exchange-token ids, shared by the bureau's replicas; null: an SQLite file in the data directory. */
  redisUrl: string | null;
}

const schema = z.object({
  CAUSEWAY_HOST: env.host('127.0.0.1'),
  CAUSEWAY_PORT: z.string().optional(),
  CAUSEWAY_DATA_DIR: z.string().default('.causeway'),
  ...LOG_ENV,
  CAUSEWAY_DEMO_DATA: z.enum(['true', 'false'], { error: 'must be "true" or "false"' }).default('true'),
  CAUSEWAY_GATEWAY_JWKS_URL: env.url().default('http://127.0.0.1:4000/.well-known/jwks.json'),
  CAUSEWAY_GATEWAY_ISSUER: env.tokenName(DEFAULT_GATEWAY_ISSUER),
  ...REDIS_ENV,
});

export function loadBureauConfig(name: string, defaultPort: number, source: EnvSource = process.env): BureauConfig {
  const values = loadConfig(name, schema.extend({ CAUSEWAY_PORT: env.port(defaultPort) }), source);
  const dataDir = resolveFromCwd(values.CAUSEWAY_DATA_DIR);
  return {
    name,
    host: values.CAUSEWAY_HOST,
    port: values.CAUSEWAY_PORT,
    dataDir,
    logFormat: values.CAUSEWAY_LOG_FORMAT,
    databaseFile: join(dataDir, `${name}.sqlite`),
    seedDemoData: values.CAUSEWAY_DEMO_DATA === 'true',
    gatewayJwksUrl: new URL(values.CAUSEWAY_GATEWAY_JWKS_URL),
    gatewayIssuer: values.CAUSEWAY_GATEWAY_ISSUER,
    redisUrl: values.CAUSEWAY_REDIS_URL ?? null,
  };
}
