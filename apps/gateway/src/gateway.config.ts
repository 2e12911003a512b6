import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { loadGovernancePolicies, readSupergraph, type GovernancePolicies } from '#catalog';
import { DEFAULT_GATEWAY_ISSUER, gatewayKeyFile } from '#exchange-token';
import { readIssuerFile, readPeopleFile, type IssuerDefinition, type PersonDefinition } from '#identity';
import {
  ConfigError,
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
  /** Classification scheme and entity owners, loaded and checked at boot. */
  policies: GovernancePolicies;
  /** External OIDC issuers trusted to vouch for registered systems (policies/issuers.yaml). */
  issuers: IssuerDefinition[];
  /** People who may use the admin API, with their roles (policies/people.yaml). */
  people: PersonDefinition[];
  /** Static supergraph (production); when absent the gateway composes from `bureaus`. */
  supergraphFile: string | null;
  bureaus: BureauEndpoint[];
  /** How often to retry composition while not ready. */
  composeRetryMs: number;
  /** How often to re-compose once ready, to pick up bureau schema changes; 0 = never. */
  supergraphPollMs: number;
  /** Longest wait for one bureau fetch before its fields fail with BUREAU_UNAVAILABLE. */
  bureauTimeoutMs: number;
  /** `iss` of the exchange tokens the gateway signs for bureaus. */
  issuer: string;
  /** `aud` callers' client assertions must carry. */
  audience: string;
  /** Clock skew tolerated on caller tokens. */
  clockSkewS: number;
  /** The gateway's own database (registry, and later grants and the ledger): embedded SQLite unless a PostgreSQL URL is given. */
  database: GatewayDatabase;
  /** How often the registry of calling systems is re-read from the database; 0 = never. */
  registryRefreshMs: number;
  /** Least time between two downloads of an OIDC issuer's JWKS triggered by an unknown key id. */
  jwksCooldownMs: number;
  /** Accept development people tokens (`causeway token --user`): off unless asked for (`causeway start` asks); people come from an OIDC issuer in production. */
  devPeopleTokens: boolean;
  /** Working days an owner has to answer a conditional-sharing application. */
  applicationDeadlineDays: number;
  /** Tests only (loopback only): the instant at which governance and policy decisions see time stand still; null = the system clock. */
  testClockAt: number | null;
  ledger: {
    /** How often the head of this gateway's chain is signed into a checkpoint (when it moved). */
    checkpointMs: number;
    /** Store operation variables' values in the ledger (else only their hash). */
    recordVariables: boolean;
    /** How long a commit under load waits for more records; null: 4 ms on SQLite, 0 on PostgreSQL. */
    commitWindowMs: number | null;
  };
  /** How often each replica checks the policy version in the database. */
  policyPollMs: number;
  /** What happens to an operation selecting denied fields: refused whole, or served without them. */
  enforcementMode: EnforcementMode;
  /**
   * Benchmarks only, loopback only: security layers switched off to measure
   * what each costs. Empty in every real deployment.
   */
  benchLayersOff: BenchLayer[];
  /** Where the gateway's signing keys come from. */
  keys:
    | { kind: 'generated'; file: string }
    | { kind: 'file'; file: string }
    | { kind: 'inline'; json: string };
}

export const ENFORCEMENT_MODES = ['filter', 'reject'] as const;
export type EnforcementMode = (typeof ENFORCEMENT_MODES)[number];

export type GatewayDatabase =
  | { type: 'sqlite'; file: string }
  /** `passwordFile` (a mounted secret) overrides the URL's password. */
  | { type: 'postgres'; url: string; passwordFile?: string; schema?: string };

const schema = z
  .object({
    CAUSEWAY_HOST: env.host('127.0.0.1'),
    CAUSEWAY_PORT: env.port(4000),
    CAUSEWAY_DATA_DIR: z.string().default('.causeway'),
    CAUSEWAY_POLICIES_DIR: z
      .string()
      .optional()
      .transform((value, ctx) => {
        const dir = value ? resolveFromCwd(value) : join(projectRoot(), 'policies');
        try {
          return { dir, policies: loadGovernancePolicies(dir), issuers: readIssuerFile(dir), people: readPeopleFile(dir) };
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message });
          return z.NEVER;
        }
      }),
    CAUSEWAY_SUPERGRAPH_FILE: z
      .string()
      .optional()
      .transform((value, ctx) => {
        if (!value) return undefined;
        const file = resolveFromCwd(value);
        try {
          checkSupergraph(readFileSync(file, 'utf8'));
          return file;
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          ctx.addIssue({ code: 'custom', message: code === 'ENOENT' ? 'no such file' : (error as Error).message });
          return z.NEVER;
        }
      }),
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
    CAUSEWAY_GATEWAY_ISSUER: env.tokenName(DEFAULT_GATEWAY_ISSUER),
    CAUSEWAY_GATEWAY_KEYS_FILE: z
      .string()
      .optional()
      .refine((file) => !file || existsSync(resolveFromCwd(file)), { message: 'no such file' }),
    // A secret: validated by the keystore, never echoed.
    CAUSEWAY_GATEWAY_KEYS: z.string().optional(),
    CAUSEWAY_GATEWAY_AUDIENCE: env.tokenName('causeway-gateway'),
    // May carry a password: checked for its scheme, never echoed.
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
    CAUSEWAY_POLICY_POLL_MS: env.millis(500),
    CAUSEWAY_LEDGER_CHECKPOINT_MS: env.millis(60_000, 100),
    CAUSEWAY_APPLICATION_DEADLINE_DAYS: z.coerce.number({ error: 'must be a number of working days' }).int().min(1).max(60).default(10),
    CAUSEWAY_DEV_PEOPLE_TOKENS: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
    CAUSEWAY_LEDGER_COMMIT_WINDOW_MS: z.coerce.number({ error: 'must be a number of milliseconds' }).min(0).max(50).optional(),
    CAUSEWAY_LEDGER_RECORD_VARIABLES: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
    CAUSEWAY_ENFORCEMENT_MODE: z.enum(ENFORCEMENT_MODES, { error: 'must be filter or reject' }).default('filter'),
    CAUSEWAY_REGISTRY_REFRESH_MS: env.millis(30_000),
    CAUSEWAY_JWKS_COOLDOWN_MS: env.millis(30_000),
    CAUSEWAY_BENCH_LAYERS_OFF: z
      .string()
      .optional()
      .transform((value, ctx) => {
        const layers = (value ?? '').split(',').map((layer) => layer.trim()).filter(Boolean);
        const unknown = layers.filter((layer) => !(BENCH_LAYERS as readonly string[]).includes(layer));
        if (unknown.length > 0) ctx.addIssue({ code: 'custom', message: `unknown layer(s) ${unknown.join(', ')}; layers: ${BENCH_LAYERS.join(', ')}` });
        return layers as BenchLayer[];
      }),
    CAUSEWAY_TEST_CLOCK: z
      .string()
      .optional()
      .refine((value) => value === undefined || /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(value), { message: 'must be an ISO 8601 instant with its offset' })
      .transform((value) => (value === undefined ? null : Date.parse(value))),
    CAUSEWAY_CLOCK_SKEW_S: z.coerce.number({ error: 'must be a number of seconds' }).int().min(0).max(120, 'must be at most 120 (keep it small)').default(30),
  });

/**
 * Where the gateway database is, from the CAUSEWAY_DATABASE_* variables:
 * PostgreSQL when a URL is given, else the embedded SQLite file in the data
 * directory. The gateway and the CLI find it the same way.
 */
export function gatewayDatabaseOf(
  values: { CAUSEWAY_DATABASE_URL?: string; CAUSEWAY_DATABASE_SCHEMA?: string; CAUSEWAY_DATABASE_PASSWORD_FILE?: string },
  dataDir: string,
): GatewayDatabase {
  if (!values.CAUSEWAY_DATABASE_URL) return { type: 'sqlite', file: join(dataDir, 'gateway.sqlite') };
  return {
    type: 'postgres',
    url: values.CAUSEWAY_DATABASE_URL,
    ...(values.CAUSEWAY_DATABASE_SCHEMA ? { schema: values.CAUSEWAY_DATABASE_SCHEMA } : {}),
    ...(values.CAUSEWAY_DATABASE_PASSWORD_FILE ? { passwordFile: resolveFromCwd(values.CAUSEWAY_DATABASE_PASSWORD_FILE) } : {}),
  };
}

/** Security layers a benchmark may switch off, one at a time, to attribute their cost. */
export const BENCH_LAYERS = ['authentication', 'policy', 'ledger'] as const;
export type BenchLayer = (typeof BENCH_LAYERS)[number];

export function loadGatewayConfig(source: EnvSource = process.env): GatewayConfig {
  const values = loadConfig('gateway', schema, source);
  // A gateway with a security layer off, or with its clock pinned, must never be reachable from another machine.
  const loopback = ['127.0.0.1', '::1', 'localhost'].includes(values.CAUSEWAY_HOST);
  if (values.CAUSEWAY_BENCH_LAYERS_OFF.length > 0 && !loopback) {
    throw new ConfigError('gateway', [{ variable: 'CAUSEWAY_BENCH_LAYERS_OFF', message: 'is for benchmarks on loopback only (CAUSEWAY_HOST must be 127.0.0.1)' }]);
  }
  if (values.CAUSEWAY_TEST_CLOCK !== null && !loopback) {
    throw new ConfigError('gateway', [{ variable: 'CAUSEWAY_TEST_CLOCK', message: 'is for tests on loopback only (CAUSEWAY_HOST must be 127.0.0.1)' }]);
  }
  return {
    benchLayersOff: values.CAUSEWAY_BENCH_LAYERS_OFF,
    host: values.CAUSEWAY_HOST,
    port: values.CAUSEWAY_PORT,
    dataDir: resolveFromCwd(values.CAUSEWAY_DATA_DIR),
    policiesDir: values.CAUSEWAY_POLICIES_DIR.dir,
    policies: values.CAUSEWAY_POLICIES_DIR.policies,
    issuers: values.CAUSEWAY_POLICIES_DIR.issuers,
    people: values.CAUSEWAY_POLICIES_DIR.people,
    supergraphFile: values.CAUSEWAY_SUPERGRAPH_FILE ?? null,
    bureaus: values.CAUSEWAY_BUREAUS ?? demoBureauEndpoints(),
    composeRetryMs: values.CAUSEWAY_COMPOSE_RETRY_MS,
    supergraphPollMs: values.CAUSEWAY_SUPERGRAPH_POLL_MS,
    bureauTimeoutMs: values.CAUSEWAY_BUREAU_TIMEOUT_MS,
    issuer: values.CAUSEWAY_GATEWAY_ISSUER,
    audience: values.CAUSEWAY_GATEWAY_AUDIENCE,
    clockSkewS: values.CAUSEWAY_CLOCK_SKEW_S,
    database: gatewayDatabaseOf(values, resolveFromCwd(values.CAUSEWAY_DATA_DIR)),
    registryRefreshMs: values.CAUSEWAY_REGISTRY_REFRESH_MS,
    policyPollMs: values.CAUSEWAY_POLICY_POLL_MS,
    devPeopleTokens: values.CAUSEWAY_DEV_PEOPLE_TOKENS === 'true',
    applicationDeadlineDays: values.CAUSEWAY_APPLICATION_DEADLINE_DAYS,
    testClockAt: values.CAUSEWAY_TEST_CLOCK,
    ledger: {
      checkpointMs: values.CAUSEWAY_LEDGER_CHECKPOINT_MS,
      recordVariables: values.CAUSEWAY_LEDGER_RECORD_VARIABLES === 'true',
      commitWindowMs: values.CAUSEWAY_LEDGER_COMMIT_WINDOW_MS ?? null,
    },
    enforcementMode: values.CAUSEWAY_ENFORCEMENT_MODE,
    jwksCooldownMs: values.CAUSEWAY_JWKS_COOLDOWN_MS,
    keys: values.CAUSEWAY_GATEWAY_KEYS
      ? { kind: 'inline', json: values.CAUSEWAY_GATEWAY_KEYS }
      : values.CAUSEWAY_GATEWAY_KEYS_FILE
        ? { kind: 'file', file: resolveFromCwd(values.CAUSEWAY_GATEWAY_KEYS_FILE) }
        : { kind: 'generated', file: gatewayKeyFile(resolveFromCwd(values.CAUSEWAY_DATA_DIR)) },
  };
}

/** A static supergraph must at least be one. */
function checkSupergraph(sdl: string): void {
  try {
    readSupergraph(sdl);
  } catch (error) {
    throw new Error(`not a usable supergraph: ${(error as Error).message}`);
  }
}

/** Injection token for the validated gateway configuration. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
