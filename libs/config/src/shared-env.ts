import { join } from 'node:path';
import { z } from 'zod';
import { env } from './load-config.js';
import { projectRoot, resolveFromCwd } from './project-root.js';

/**
 * Variables the gateway and the `causeway` command read alike, with the
 * same defaults: the data directory (SQLite files, development keys), the
 * policies directory and the audience of client assertions.
 */
export const SHARED_ENV = {
  CAUSEWAY_DATA_DIR: z.string().default('.causeway'),
  CAUSEWAY_POLICIES_DIR: z.string().optional(),
  CAUSEWAY_GATEWAY_AUDIENCE: env.tokenName('causeway-gateway'),
};

/** The policies directory: the one given (relative to the working directory), else the project's policies/. */
export function policiesDirOf(value: string | undefined): string {
  return value ? resolveFromCwd(value) : join(projectRoot(), 'policies');
}

/**
 * Tests only: an ISO 8601 instant (with its offset) that the gateway's
 * governance and the `causeway` command's retention take as now (null:
 * the real clock). The gateway accepts it on loopback only.
 */
export const TEST_CLOCK_ENV = {
  CAUSEWAY_TEST_CLOCK: z
    .string()
    .optional()
    .refine((value) => value === undefined || /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(value), { message: 'must be an ISO 8601 instant with its offset' })
    .transform((value) => (value === undefined ? null : Date.parse(value))),
};

/** Redis for state shared by replicas (used tokens); it may carry a password: checked for its scheme, never echoed. */
export const REDIS_ENV = {
  CAUSEWAY_REDIS_URL: z
    .string()
    .optional()
    .refine((url) => !url || /^rediss?:\/\/\S+$/.test(url), { message: 'must be a redis:// or rediss:// URL (leave unset to keep the state on this host)' }),
};
