import { describe, expect, it } from '@jest/globals';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, projectRoot } from '#config';
import { loadGatewayConfig } from './gateway.config.js';

function issuesOf(env: Record<string, string>): string[] {
  try {
    loadGatewayConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((issue) => issue.variable);
    throw error;
  }
  return [];
}

describe('loadGatewayConfig', () => {
  it('defaults to the demo bureaus on loopback', () => {
    const config = loadGatewayConfig({});
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(4000);
    expect(config.supergraphFile).toBeNull();
    expect(config.bureaus.map((b) => b.url)).toEqual(['http://127.0.0.1:4001/graphql', 'http://127.0.0.1:4002/graphql', 'http://127.0.0.1:4003/graphql', 'http://127.0.0.1:4004/graphql']);
  });

  it('pins its clock only for tests on loopback, to an instant with its offset', () => {
    expect(loadGatewayConfig({}).testClockAt).toBeNull();
    expect(loadGatewayConfig({ CAUSEWAY_TEST_CLOCK: '2026-11-29T09:00:00+08:00' }).testClockAt).toBe(Date.parse('2026-11-29T01:00:00Z'));
    expect(issuesOf({ CAUSEWAY_TEST_CLOCK: 'sunday' })).toEqual(['CAUSEWAY_TEST_CLOCK']);
    expect(issuesOf({ CAUSEWAY_TEST_CLOCK: '2026-11-29T09:00:00' })).toEqual(['CAUSEWAY_TEST_CLOCK']);
    expect(issuesOf({ CAUSEWAY_TEST_CLOCK: '2026-11-29T01:00:00Z', CAUSEWAY_HOST: '0.0.0.0' })).toEqual(['CAUSEWAY_TEST_CLOCK']);
  });

  it('names each wrong variable', () => {
    expect(
      issuesOf({
        CAUSEWAY_PORT: 'http',
        CAUSEWAY_BUREAUS: 'health',
        CAUSEWAY_SUPERGRAPH_FILE: '/nonexistent/supergraph.graphql',
        CAUSEWAY_BUREAU_TIMEOUT_MS: '10',
        CAUSEWAY_POLICIES_DIR: '/nonexistent',
      }).sort(),
    ).toEqual(['CAUSEWAY_BUREAUS', 'CAUSEWAY_BUREAU_TIMEOUT_MS', 'CAUSEWAY_POLICIES_DIR', 'CAUSEWAY_PORT', 'CAUSEWAY_SUPERGRAPH_FILE']);
  });

  it('takes a metrics token file only when it holds a token long enough to be a secret', () => {
    const dir = mkdtempSync(join(tmpdir(), 'causeway-metrics-config-'));
    writeFileSync(join(dir, 'short'), 'secret\n');
    writeFileSync(join(dir, 'good'), `${'a1B2'.repeat(8)}\n`);
    expect(loadGatewayConfig({}).metrics).toEqual({ tokenFile: null });
    expect(loadGatewayConfig({ CAUSEWAY_METRICS_TOKEN_FILE: join(dir, 'good') }).metrics).toEqual({ tokenFile: join(dir, 'good') });
    expect(issuesOf({ CAUSEWAY_METRICS_TOKEN_FILE: join(dir, 'short') })).toEqual(['CAUSEWAY_METRICS_TOKEN_FILE']);
    expect(issuesOf({ CAUSEWAY_METRICS_TOKEN_FILE: join(dir, 'missing') })).toEqual(['CAUSEWAY_METRICS_TOKEN_FILE']);
  });

  it('takes the bureau list from CAUSEWAY_BUREAUS', () => {
    const config = loadGatewayConfig({ CAUSEWAY_BUREAUS: 'tax=https://tax.example/graphql' });
    expect(config.bureaus).toEqual([{ name: 'tax', url: 'https://tax.example/graphql' }]);
  });

  it('keeps its own database in the data directory unless given PostgreSQL, and never echoes the URL', () => {
    expect(loadGatewayConfig({ CAUSEWAY_DATA_DIR: '/var/lib/causeway' }).database).toEqual({
      type: 'sqlite',
      file: '/var/lib/causeway/gateway.sqlite',
    });
    expect(loadGatewayConfig({ CAUSEWAY_DATABASE_URL: 'postgres://ledger:s3cret@db:5432/causeway' }).database).toEqual({
      type: 'postgres',
      url: 'postgres://ledger:s3cret@db:5432/causeway',
    });
    try {
      loadGatewayConfig({ CAUSEWAY_DATABASE_URL: 'mysql://root:s3cret@db/causeway' });
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).issues.map((issue) => issue.variable)).toEqual(['CAUSEWAY_DATABASE_URL']);
      expect(JSON.stringify((error as ConfigError).issues)).not.toContain('s3cret');
    }
  });

  it('refuses an OIDC issuer over plain http to another machine', () => {
    const dir = mkdtempSync(join(tmpdir(), 'causeway-policies-'));
    cpSync(join(projectRoot(), 'policies'), dir, { recursive: true });
    writeFileSync(join(dir, 'issuers.yaml'), 'issuers:\n  - issuer: http://idp.example.gov.cn\n    systems: ["*"]\n');
    expect(issuesOf({ CAUSEWAY_POLICIES_DIR: dir })).toEqual(['CAUSEWAY_POLICIES_DIR']);
    writeFileSync(join(dir, 'issuers.yaml'), 'issuers:\n  - issuer: https://idp.example.gov.cn\n    systems: ["health.*"]\n');
    expect(loadGatewayConfig({ CAUSEWAY_POLICIES_DIR: dir }).issuers).toMatchObject([{ issuer: 'https://idp.example.gov.cn', systemClaim: 'client_id', tokenReuse: 'refuse' }]);
  });
});
