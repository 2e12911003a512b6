import { z } from 'zod';
import { ConfigError, loadConfig, resolveFromCwd, SHARED_ENV, TEST_CLOCK_ENV, type EnvSource } from '#config';
import { DATABASE_ENV, gatewayDatabaseOf, type GatewayDatabase } from '#database';
import { GATEWAY_KEYS_ENV, gatewayKeySourceOf, type GatewayKeySource } from '#exchange-token';
import { SUBJECT_KEYS_ENV, subjectKeyringSourceOf, type SubjectKeyringSource } from '#ledger';
import { UsageError } from './cli.error.js';
import type { ObjectStoreSettings } from './object-store.js';

/** Records stay online at least six months (Cybersecurity Law art. 21), and archives outlive them. */
export const MIN_RETENTION_DAYS = 180;

const schema = z.object({
  ...SHARED_ENV,
  ...GATEWAY_KEYS_ENV,
  ...SUBJECT_KEYS_ENV,
  ...TEST_CLOCK_ENV,
  ...DATABASE_ENV,
  CAUSEWAY_SUPERGRAPH_FILE: z.string().optional(),
  CAUSEWAY_BUREAUS: z.string().optional(),
  CAUSEWAY_LEDGER_RETENTION_DAYS: z.coerce
    .number({ error: 'must be a number of days' })
    .int('must be a whole number of days')
    .min(MIN_RETENTION_DAYS, `must be at least ${MIN_RETENTION_DAYS} (six months)`)
    .default(183),
  /** Object storage for ledger archives (`s3://bucket/key`): an S3-compatible endpoint; unset, AWS S3 itself. */
  CAUSEWAY_ARCHIVE_S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  CAUSEWAY_ARCHIVE_S3_REGION: z.string().min(1).default('us-east-1'),
  /** Bucket in the path (most S3-compatible stores) rather than in the host name; default: true with an endpoint, false without. */
  CAUSEWAY_ARCHIVE_S3_PATH_STYLE: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
  CAUSEWAY_DEV_PEOPLE_TOKENS: z.enum(['true', 'false'], { error: 'must be true or false' }).default('true'),
  CAUSEWAY_DEBUG: z.enum(['0', '1'], { error: 'must be 0 or 1' }).default('0'),
  /** The gateway whose admin API `causeway registry` talks to. */
  CAUSEWAY_GATEWAY_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).default('http://127.0.0.1:4000'),
  /** An administrator's token for `causeway registry` (never logged). */
  CAUSEWAY_ADMIN_TOKEN: z.string().min(1).optional(),
});

/**
 * The `causeway` command's settings: the same variables, validated by the
 * same code and with the same defaults as the gateway's (data directory,
 * policies, keys, issuer, audience, database), plus the command's own.
 */
export class CliConfig {
  private constructor(private readonly values: z.infer<typeof schema>) {}

  static load(source: EnvSource = process.env): CliConfig {
    try {
      return new CliConfig(loadConfig('causeway', schema, source));
    } catch (error) {
      if (error instanceof ConfigError) throw new UsageError(error.message);
      throw error;
    }
  }

  /** --data-dir, else CAUSEWAY_DATA_DIR, else .causeway. */
  dataDir(flag?: string): string {
    return resolveFromCwd(flag ?? this.values.CAUSEWAY_DATA_DIR);
  }

  /** --policies, else CAUSEWAY_POLICIES_DIR (undefined: the project's policies/). */
  policiesDir(flag?: string): string | undefined {
    return flag ?? this.values.CAUSEWAY_POLICIES_DIR;
  }

  /** --gateway, else CAUSEWAY_GATEWAY_URL, else http://127.0.0.1:4000. */
  gatewayUrl(flag?: string): string {
    return flag ?? this.values.CAUSEWAY_GATEWAY_URL;
  }

  /** --token, else CAUSEWAY_ADMIN_TOKEN. */
  adminToken(flag?: string): string | undefined {
    return flag ?? this.values.CAUSEWAY_ADMIN_TOKEN;
  }

  supergraphFile(flag?: string): string | undefined {
    return flag ?? this.values.CAUSEWAY_SUPERGRAPH_FILE;
  }

  get bureaus(): string | undefined {
    return this.values.CAUSEWAY_BUREAUS;
  }

  get audience(): string {
    return this.values.CAUSEWAY_GATEWAY_AUDIENCE;
  }

  get issuer(): string {
    return this.values.CAUSEWAY_GATEWAY_ISSUER;
  }

  /** Now, for retention: the real clock, or CAUSEWAY_TEST_CLOCK (tests only). */
  now(): number {
    return this.values.CAUSEWAY_TEST_CLOCK ?? Date.now();
  }

  get retentionDays(): number {
    return this.values.CAUSEWAY_LEDGER_RETENTION_DAYS;
  }

  /** How archives given as s3://bucket/key are reached. */
  get objectStore(): ObjectStoreSettings {
    const endpoint = this.values.CAUSEWAY_ARCHIVE_S3_ENDPOINT;
    const pathStyle = this.values.CAUSEWAY_ARCHIVE_S3_PATH_STYLE;
    return { ...(endpoint ? { endpoint } : {}), region: this.values.CAUSEWAY_ARCHIVE_S3_REGION, pathStyle: pathStyle === undefined ? endpoint !== undefined : pathStyle === 'true' };
  }

  get devPeopleTokens(): boolean {
    return this.values.CAUSEWAY_DEV_PEOPLE_TOKENS === 'true';
  }

  get debug(): boolean {
    return this.values.CAUSEWAY_DEBUG === '1';
  }

  keys(dataDir: string): GatewayKeySource {
    return gatewayKeySourceOf(this.values, dataDir);
  }

  /** The ledger's subject keyring, where the gateway finds it. */
  subjectKeys(dataDir: string): SubjectKeyringSource {
    return subjectKeyringSourceOf(this.values, dataDir);
  }

  database(dataDir: string): GatewayDatabase {
    return gatewayDatabaseOf(this.values, dataDir);
  }

  /** The environment the demo processes `causeway start` runs inherit. */
  static inherited(): NodeJS.ProcessEnv {
    return { ...process.env };
  }
}

let loaded: CliConfig | null = null;

/** The command's settings, validated once (a bad variable is a usage error, exit code 2). */
export function cliConfig(): CliConfig {
  loaded ??= CliConfig.load();
  return loaded;
}
