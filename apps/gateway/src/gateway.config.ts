import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  demoBureauEndpoints,
  env,
  loadConfig,
  parseBureauList,
  projectRoot,
  resolveFromCwd,
  type BureauEndpoint,
  type EnvSource,
} from '#config';

export interface GatewayConfig {
  host: string;
  port: number;
  dataDir: string;
  policiesDir: string;
  /** Static supergraph (production); when absent the gateway composes from `bureaus`. */
  supergraphFile: string | null;
  bureaus: BureauEndpoint[];
  /** How often to retry composition while not ready. */
  composeRetryMs: number;
  /** How often to re-compose once ready, to pick up bureau schema changes; 0 = never. */
  supergraphPollMs: number;
  /** Longest wait for one bureau fetch before its fields fail with BUREAU_UNAVAILABLE. */
  bureauTimeoutMs: number;
}

const schema = z
  .object({
    CAUSEWAY_HOST: env.host('127.0.0.1'),
    CAUSEWAY_PORT: env.port(4000),
    CAUSEWAY_DATA_DIR: z.string().default('.causeway'),
    CAUSEWAY_POLICIES_DIR: z
      .string()
      .refine((dir) => existsSync(join(resolveFromCwd(dir), 'classification.yaml')), {
        message: 'must be a directory holding classification.yaml',
      })
      .optional(),
    CAUSEWAY_SUPERGRAPH_FILE: z
      .string()
      .refine((file) => existsSync(resolveFromCwd(file)), { message: 'no such file' })
      .optional(),
    CAUSEWAY_BUREAUS: z
      .string()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined) return undefined;
        try {
          return parseBureauList(value);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message });
          return z.NEVER;
        }
      }),
    CAUSEWAY_COMPOSE_RETRY_MS: env.millis(2000, 100),
    CAUSEWAY_SUPERGRAPH_POLL_MS: env.millis(30_000),
    CAUSEWAY_BUREAU_TIMEOUT_MS: env.millis(10_000, 100),
  });

export function loadGatewayConfig(source: EnvSource = process.env): GatewayConfig {
  const values = loadConfig('gateway', schema, source);
  return {
    host: values.CAUSEWAY_HOST,
    port: values.CAUSEWAY_PORT,
    dataDir: resolveFromCwd(values.CAUSEWAY_DATA_DIR),
    policiesDir: values.CAUSEWAY_POLICIES_DIR
      ? resolveFromCwd(values.CAUSEWAY_POLICIES_DIR)
      : join(projectRoot(), 'policies'),
    supergraphFile: values.CAUSEWAY_SUPERGRAPH_FILE ? resolveFromCwd(values.CAUSEWAY_SUPERGRAPH_FILE) : null,
    bureaus: values.CAUSEWAY_BUREAUS ?? demoBureauEndpoints(),
    composeRetryMs: values.CAUSEWAY_COMPOSE_RETRY_MS,
    supergraphPollMs: values.CAUSEWAY_SUPERGRAPH_POLL_MS,
    bureauTimeoutMs: values.CAUSEWAY_BUREAU_TIMEOUT_MS,
  };
}

/** Injection token for the validated gateway configuration. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
