import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { loadGovernancePolicies, readSupergraph, type GovernancePolicies } from '#catalog';
import { DATABASE_ENV, gatewayDatabaseOf, type GatewayDatabase } from '#database';
import { SUBJECT_KEYS_ENV, subjectKeyringSourceOf, type SubjectKeyringSource } from '#ledger';
import { LIMITS_ENV, limitsOf, type RequestLimits } from './exchange/limits.config.js';
import { WORKFLOW_ENV, workflowOf, type WorkflowConfig } from './governance/workflow.config.js';
import { CONSOLE_ENV, consoleOf, type ConsoleConfig } from './console/console.config.js';
import { METRICS_ENV, metricsOf, type MetricsConfig } from './metrics/metrics.config.js';
import { isLoopback } from './loopback.js';
import { GATEWAY_KEYS_ENV, gatewayKeySourceOf, type GatewayKeySource } from '#exchange-token';
import { readIssuerFile, readPeopleFile, type IssuerDefinition, type PersonDefinition } from '#identity';
import {
  ConfigError,
  demoBureauEndpoints,
  env,
  loadConfig,
  LOG_ENV,
  type LogFormat,
  parseBureauList,
  policiesDirOf,
  REDIS_ENV,
  resolveFromCwd,
  SHARED_ENV,
  TEST_CLOCK_ENV,
  type BureauEndpoint,
  type EnvSource,
} from '#config';

export type { GatewayDatabase };

export interface GatewayConfig {
  host: string;
  port: number;
  dataDir: string;
  /** json (default) or pretty. */
  logFormat: LogFormat;
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
  /**
   * Whether systems registered without keys get development keys generated
   * into the data directory (`causeway start` turns it on for the demo);
   * off, such a system refuses the registry, as production requires.
   */
  devSystemKeys: boolean;
  /** How long one of a person's reads of the ledger may run on PostgreSQL before it is stopped (QUERY_TOO_COSTLY). */
  adminQueryTimeoutMs: number;
  /** The sharing workflow's deadlines, time zone and notifications. */
  workflow: WorkflowConfig;
  /** How people sign in to the console. */
  console: ConsoleConfig;
  /** Who may read GET /metrics. */
  metrics: MetricsConfig;
  /** Tests only (loopback only): the instant at which governance and policy decisions see time stand still; null = the system clock. */
  testClockAt: number | null;
  ledger: {
    /** How often the head of this gateway's chain is signed into a checkpoint (when it moved). */
    checkpointMs: number;
    /** Store operation variables' values in the ledger (else only their hash). */
    recordVariables: boolean;
    /** How often the whole ledger is verified on a schedule (each run noted for auditors); 0: only when asked. */
    verifyEveryMs: number;
    /** How long a commit under load waits for more records; null: 4 ms on SQLite, 0 on PostgreSQL. */
    commitWindowMs: number | null;
    /**
     * Where each checkpoint is handed to be kept outside the gateway's
     * database: these URLs, or `bureaus` (the default): each registered
     * bureau's /causeway/checkpoints, read from the registry as bureaus join
     * and leave (the configured bureaus while none is registered).
     */
    witnesses: URL[] | 'bureaus';
    /** An RFC 3161 time-stamping authority that stamps each checkpoint; null: none. */
    timestampAuthority: URL | null;
    /**
     * The keyring under which data subjects and variables are hashed
     * (SubjectKeyring); created under the data directory on first start
     * unless configured (every replica must then share one).
     */
    subjectKeys: SubjectKeyringSource;
  };
  /** How often each replica checks the policy version in the database. */
  policyPollMs: number;
  /** grants: fields decided by the grants; allow-all: every field served in clear (still authenticated, limited and recorded). */
  policyMode: PolicyMode;
  /** What happens to an operation selecting denied fields: refused whole, or served without them. */
  enforcementMode: EnforcementMode;
  /** What plans and runs an operation's bureau requests: Hive's runtime with its Rust planner, or @apollo/gateway. */
  federationEngine: FederationEngineName;
  /** On SIGTERM, how long requests in flight have to finish before their connections are cut. */
  shutdownGraceMs: number;
  /** Origins whose web pages may call the gateway from a browser (CORS); none by default. */
  corsOrigins: string[];
  /** Redis for state every replica shares (used caller tokens); null: kept on this host, in the data directory. */
  redisUrl: string | null;
  /** What a request and its operation may be at most, checked before any expensive work. */
  limits: RequestLimits;
  /** Where the gateway's signing keys come from. */
  keys: GatewayKeySource;
}

export const ENFORCEMENT_MODES = ['filter', 'reject'] as const;
export const FEDERATION_ENGINES = ['hive', 'apollo'] as const;
export type FederationEngineName = (typeof FEDERATION_ENGINES)[number];
/** How fields are decided: by the grants (the default), or every field in clear (allow-all: federation conformance, bring-up). */
export const POLICY_MODES = ['grants', 'allow-all'] as const;
export type PolicyMode = (typeof POLICY_MODES)[number];
export type EnforcementMode = (typeof ENFORCEMENT_MODES)[number];
const schema = z.object({
  CAUSEWAY_HOST: env.host('127.0.0.1'),
  CAUSEWAY_PORT: env.port(4000),
  ...SHARED_ENV,
  ...LOG_ENV,
  CAUSEWAY_POLICIES_DIR: SHARED_ENV.CAUSEWAY_POLICIES_DIR.transform((value, ctx) => {
    const dir = policiesDirOf(value);
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
  ...GATEWAY_KEYS_ENV,
  ...DATABASE_ENV,
  CAUSEWAY_POLICY_POLL_MS: env.millis(500),
  CAUSEWAY_LEDGER_CHECKPOINT_MS: env.millis(60_000, 100),
  CAUSEWAY_LEDGER_TSA_URL: env.url().optional(),
  CAUSEWAY_LEDGER_VERIFY_EVERY_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .refine((value) => value === 0 || value >= 60_000, 'must be 0 (never) or at least 60000')
    .default(86_400_000),
  ...SUBJECT_KEYS_ENV,
  CAUSEWAY_ADMIN_QUERY_TIMEOUT_MS: env.millis(10_000, 100),
  CAUSEWAY_LEDGER_WITNESSES: z
    .string()
    .default('bureaus')
    .transform((value, ctx) => {
      if (value === 'bureaus' || value === 'none') return value;
      const urls = value
        .split(',')
        .map((url) => url.trim())
        .filter(Boolean);
      if (!urls.every((url) => URL.canParse(url) && /^https?:$/.test(new URL(url).protocol)))
        ctx.addIssue({ code: 'custom', message: 'must be bureaus, none, or http(s) URLs separated by commas' });
      return urls.map((url) => new URL(url));
    }),
  ...LIMITS_ENV,
  ...WORKFLOW_ENV,
  ...CONSOLE_ENV,
  ...METRICS_ENV,
  ...REDIS_ENV,
  CAUSEWAY_SHUTDOWN_GRACE_MS: env.millis(10_000, 0),
  CAUSEWAY_CORS_ORIGINS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const origins = (value ?? '')
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean);
      const bad = origins.filter((origin) => !/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(origin));
      if (bad.length > 0) ctx.addIssue({ code: 'custom', message: 'must be origins (scheme://host[:port]) separated by commas' });
      return origins;
    }),
  CAUSEWAY_DEV_PEOPLE_TOKENS: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
  CAUSEWAY_DEV_SYSTEM_KEYS: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
  CAUSEWAY_LEDGER_COMMIT_WINDOW_MS: z.coerce.number({ error: 'must be a number of milliseconds' }).min(0).max(50).optional(),
  CAUSEWAY_LEDGER_RECORD_VARIABLES: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
  CAUSEWAY_ENFORCEMENT_MODE: z.enum(ENFORCEMENT_MODES, { error: 'must be filter or reject' }).default('filter'),
  CAUSEWAY_FEDERATION_ENGINE: z.enum(FEDERATION_ENGINES, { error: 'must be hive or apollo' }).default('hive'),
  CAUSEWAY_POLICY_MODE: z.enum(POLICY_MODES, { error: 'must be grants or allow-all' }).default('grants'),
  CAUSEWAY_REGISTRY_REFRESH_MS: env.millis(30_000),
  CAUSEWAY_JWKS_COOLDOWN_MS: env.millis(30_000),
  ...TEST_CLOCK_ENV,
  CAUSEWAY_CLOCK_SKEW_S: z.coerce.number({ error: 'must be a number of seconds' }).int().min(0).max(120, 'must be at most 120 (keep it small)').default(30),
});

export function loadGatewayConfig(source: EnvSource = process.env): GatewayConfig {
  const values = loadConfig('gateway', schema, source);
  // A gateway with its clock pinned must never be reachable from another machine.
  if (values.CAUSEWAY_TEST_CLOCK !== null && !isLoopback(values.CAUSEWAY_HOST)) {
    throw new ConfigError('gateway', [{ variable: 'CAUSEWAY_TEST_CLOCK', message: 'is for tests on loopback only (CAUSEWAY_HOST must be 127.0.0.1)' }]);
  }
  return {
    host: values.CAUSEWAY_HOST,
    port: values.CAUSEWAY_PORT,
    dataDir: resolveFromCwd(values.CAUSEWAY_DATA_DIR),
    logFormat: values.CAUSEWAY_LOG_FORMAT,
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
    policyMode: values.CAUSEWAY_POLICY_MODE,
    federationEngine: values.CAUSEWAY_FEDERATION_ENGINE,
    devPeopleTokens: values.CAUSEWAY_DEV_PEOPLE_TOKENS === 'true',
    devSystemKeys: values.CAUSEWAY_DEV_SYSTEM_KEYS === 'true',
    workflow: workflowOf(values),
    console: consoleOf(values),
    metrics: metricsOf(values),
    adminQueryTimeoutMs: values.CAUSEWAY_ADMIN_QUERY_TIMEOUT_MS,
    testClockAt: values.CAUSEWAY_TEST_CLOCK,
    ledger: {
      checkpointMs: values.CAUSEWAY_LEDGER_CHECKPOINT_MS,
      recordVariables: values.CAUSEWAY_LEDGER_RECORD_VARIABLES === 'true',
      verifyEveryMs: values.CAUSEWAY_LEDGER_VERIFY_EVERY_MS,
      commitWindowMs: values.CAUSEWAY_LEDGER_COMMIT_WINDOW_MS ?? null,
      witnesses: values.CAUSEWAY_LEDGER_WITNESSES === 'none' ? [] : values.CAUSEWAY_LEDGER_WITNESSES,
      timestampAuthority: values.CAUSEWAY_LEDGER_TSA_URL ? new URL(values.CAUSEWAY_LEDGER_TSA_URL) : null,
      subjectKeys: subjectKeyringSourceOf(values, resolveFromCwd(values.CAUSEWAY_DATA_DIR)),
    },
    enforcementMode: values.CAUSEWAY_ENFORCEMENT_MODE,
    limits: limitsOf(values),
    redisUrl: values.CAUSEWAY_REDIS_URL ?? null,
    corsOrigins: values.CAUSEWAY_CORS_ORIGINS,
    shutdownGraceMs: values.CAUSEWAY_SHUTDOWN_GRACE_MS,
    jwksCooldownMs: values.CAUSEWAY_JWKS_COOLDOWN_MS,
    keys: gatewayKeySourceOf(values, resolveFromCwd(values.CAUSEWAY_DATA_DIR)),
  };
}

/** A static supergraph must at least be one. */
function checkSupergraph(sdl: string): void {
  try {
    readSupergraph(sdl);
  } catch (error) {
    throw new Error(`not a usable supergraph: ${(error as Error).message}`, { cause: error });
  }
}

/** Injection token for the validated gateway configuration. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
