import { join } from 'node:path';
import { z } from 'zod';
import { env, loadConfig, resolveFromCwd, type EnvSource } from '#config';

export interface BureauConfig {
  name: string;
  host: string;
  port: number;
  /** Directory for the embedded SQLite store (and, later, cached keys). */
  dataDir: string;
  databaseFile: string;
  /** Insert the deterministic demo records into an empty store. */
  seedDemoData: boolean;
}

const schema = z.object({
  CAUSEWAY_HOST: env.host('127.0.0.1'),
  CAUSEWAY_PORT: z.string().optional(),
  CAUSEWAY_DATA_DIR: z.string().default('.causeway'),
  CAUSEWAY_DEMO_DATA: z.enum(['true', 'false'], { error: 'must be "true" or "false"' }).default('true'),
});

export function loadBureauConfig(name: string, defaultPort: number, source: EnvSource = process.env): BureauConfig {
  const values = loadConfig(
    name,
    schema.extend({ CAUSEWAY_PORT: env.port(defaultPort) }),
    source,
  );
  const dataDir = resolveFromCwd(values.CAUSEWAY_DATA_DIR);
  return {
    name,
    host: values.CAUSEWAY_HOST,
    port: values.CAUSEWAY_PORT,
    dataDir,
    databaseFile: join(dataDir, `${name}.sqlite`),
    seedDemoData: values.CAUSEWAY_DEMO_DATA === 'true',
  };
}
