import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '#config';
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
    expect(config.bureaus.map((b) => b.url)).toEqual([
      'http://127.0.0.1:4001/graphql',
      'http://127.0.0.1:4002/graphql',
      'http://127.0.0.1:4003/graphql',
      'http://127.0.0.1:4004/graphql',
    ]);
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
    ).toEqual([
      'CAUSEWAY_BUREAUS',
      'CAUSEWAY_BUREAU_TIMEOUT_MS',
      'CAUSEWAY_POLICIES_DIR',
      'CAUSEWAY_PORT',
      'CAUSEWAY_SUPERGRAPH_FILE',
    ]);
  });

  it('takes the bureau list from CAUSEWAY_BUREAUS', () => {
    const config = loadGatewayConfig({ CAUSEWAY_BUREAUS: 'tax=https://tax.example/graphql' });
    expect(config.bureaus).toEqual([{ name: 'tax', url: 'https://tax.example/graphql' }]);
  });
});
