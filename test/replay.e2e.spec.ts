import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { callerToken, graphql, waitForStatus } from './support/http.js';
import { startBureaus, tempDir, type TestProcess, startGateway } from './support/processes.js';
import { describeRedis } from './support/redis.js';

/**
 * A client assertion is single-use for its whole lifetime: on every replica
 * and across restarts. Embedded, the used ids are kept in the data
 * directory; with CAUSEWAY_REDIS_URL, in Redis, shared by replicas that
 * share nothing else.
 */
const BASE = 15300;
const QUERY = '{ people(first: 1) { nodes { gender } } }';
const dataDir = tempDir('replay');
const bureaus: TestProcess[] = [];

function gateway(port: number, dir: string, env: Record<string, string> = {}): TestProcess {
  return startGateway(BASE, dir, env, port);
}

async function ask(port: number, token: string): Promise<{ status: number; reason: unknown }> {
  const answer = await graphql(`http://127.0.0.1:${port}/graphql`, QUERY, {}, { authorization: `Bearer ${token}` });
  return { status: answer.status, reason: answer.body.errors?.[0]?.extensions?.reason ?? null };
}

beforeAll(() => {
  bureaus.push(...startBureaus(BASE, dataDir));
});

afterAll(async () => {
  await Promise.all(bureaus.map((p) => p.stop()));
});

describe('embedded: the used ids are kept in the data directory', () => {
  it('a token accepted before a restart is refused after it', async () => {
    let first = gateway(BASE, dataDir);
    try {
      await waitForStatus(`http://127.0.0.1:${BASE}/health`, 200);
      const token = await callerToken(dataDir);
      expect(await ask(BASE, token)).toEqual({ status: 200, reason: null });
      expect(await ask(BASE, token)).toEqual({ status: 401, reason: 'REPLAYED' });
      await first.stop();
      first = gateway(BASE, dataDir);
      await waitForStatus(`http://127.0.0.1:${BASE}/health`, 200);
      expect(await ask(BASE, token)).toEqual({ status: 401, reason: 'REPLAYED' });
      expect(await ask(BASE, await callerToken(dataDir))).toEqual({ status: 200, reason: null });
    } finally {
      await first.stop();
    }
  });
});

describeRedis('replicas sharing Redis', (url) => {
  const replicas: TestProcess[] = [];
  const other = tempDir('replay-other');

  beforeAll(async () => {
    replicas.push(gateway(BASE, dataDir, { CAUSEWAY_REDIS_URL: url }));
    await waitForStatus(`http://127.0.0.1:${BASE}/health`, 200);
    // The second replica shares the keys (the same gateway, the same systems) but not the data directory.
    cpSync(join(dataDir, 'keys'), join(other, 'keys'), { recursive: true });
    replicas.push(gateway(BASE + 9, other, { CAUSEWAY_REDIS_URL: url }));
    await waitForStatus(`http://127.0.0.1:${BASE + 9}/health`, 200);
  });

  afterAll(async () => {
    await Promise.all(replicas.map((p) => p.stop()));
  });

  it('a token used on one replica is refused on the other', async () => {
    const token = await callerToken(dataDir);
    expect(await ask(BASE + 9, token)).toEqual({ status: 200, reason: null });
    expect(await ask(BASE, token)).toEqual({ status: 401, reason: 'REPLAYED' });
  });

  it('offered to both at once, it is served exactly once', async () => {
    const token = await callerToken(dataDir);
    const answers = await Promise.all([ask(BASE, token), ask(BASE + 9, token)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401]);
  });
});
