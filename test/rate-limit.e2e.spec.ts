import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { callerToken, waitForStatus } from './support/http.js';
import { recordOf } from './support/ledger-rows.js';
import { ROOT, startBureaus, tempDir, type TestProcess, startGateway } from './support/processes.js';
import { describeRedis } from './support/redis.js';

/**
 * Requests per system per rate window: past it, RATE_LIMITED (429) with
 * Retry-After, recorded; a system's own limit from the registry; with
 * Redis, one count for every replica. The window is a minute, so no result
 * depends on how fast the machine sends.
 */
const BASE = 15400;
const QUERY = JSON.stringify({ query: '{ enterprises(first: 1) { nodes { name } } }' });
const dataDir = tempDir('rate-limit');
const policies = tempDir('rate-limit-policies');
const processes: TestProcess[] = [];
/** A limit of this run's own: counts left in Redis by another run cannot meet it. */
const LIMIT = 4 + (process.pid % 5);

function gateway(port: number, dir: string, env: Record<string, string> = {}): TestProcess {
  return startGateway(BASE, dir, { CAUSEWAY_POLICIES_DIR: policies, CAUSEWAY_RATE_LIMIT: String(LIMIT), CAUSEWAY_RATE_WINDOW_S: '60', ...env }, port);
}

async function ask(port: number, system: string, purpose: string): Promise<{ status: number; retryAfter: string | null; code: unknown; exchangeId: string }> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await callerToken(dataDir, system, purpose)}` },
    body: QUERY,
  });
  const body = (await response.json()) as { errors?: Array<{ extensions?: Record<string, unknown> }>; extensions?: { causeway?: { exchangeId?: string } } };
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    code: body.errors?.[0]?.extensions?.code ?? null,
    exchangeId: String(body.extensions?.causeway?.exchangeId ?? body.errors?.[0]?.extensions?.exchangeId ?? ''),
  };
}

beforeAll(async () => {
  // The demo policies, with a registry that gives one system a limit of its own.
  cpSync(join(ROOT, 'policies'), policies, { recursive: true });
  const systems = readFileSync(join(policies, 'systems.yaml'), 'utf8')
    .replace(/(- id: health\.vaccination-outreach\n)/, '$1    rateLimit: 2\n')
    .replace(/(- id: civil-affairs\.subsidy-review\n)/, '$1    limits: { records: 50 }\n');
  writeFileSync(join(policies, 'systems.yaml'), systems);
  processes.push(...startBureaus(BASE, dataDir));
  processes.push(gateway(BASE, dataDir));
  await waitForStatus(`http://127.0.0.1:${BASE}/health`, 200);
});

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
});

describe('one gateway', () => {
  it('serves a system its limit in a window, then refuses with RATE_LIMITED and Retry-After, recorded; other systems are not held back', async () => {
    const answers = [];
    for (let i = 0; i < LIMIT + 2; i++) answers.push(await ask(BASE, 'market-regulation.licensing', 'business-licensing'));
    expect(answers.map((answer) => answer.status)).toEqual([...Array<number>(LIMIT).fill(200), 429, 429]);
    const refused = answers.at(-1)!;
    expect(refused.code).toBe('RATE_LIMITED');
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
    expect(recordOf(dataDir, refused.exchangeId).entry).toMatchObject({
      decision: 'DENIED',
      errorCodes: ['RATE_LIMITED'],
      caller: { system: 'market-regulation.licensing', verified: true },
    });
    expect((await ask(BASE, 'civil-affairs.subsidy-review', 'subsidy-eligibility')).status).toBe(200);
  });

  it('a system the registry gives a limit of its own is held to that one', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await ask(BASE, 'health.vaccination-outreach', 'vaccination-outreach')).status);
    expect(statuses).toEqual([200, 200, 429]);
  });
});

describe('operation limits of its own', () => {
  it('a system the registry gives a smaller cost limit is held to it; the others keep the default', async () => {
    const pages = JSON.stringify({ query: '{ people(first: 30) { nodes { name } } }' });
    const asking = async (system: string, purpose: string) => {
      const response = await fetch(`http://127.0.0.1:${BASE}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await callerToken(dataDir, system, purpose)}` },
        body: pages,
      });
      const body = (await response.json()) as { errors?: Array<{ extensions?: Record<string, unknown> }> };
      return [response.status, body.errors?.[0]?.extensions?.code ?? null, body.errors?.[0]?.extensions?.allowed ?? null];
    };
    expect(await asking('civil-affairs.subsidy-review', 'subsidy-eligibility')).toEqual([400, 'QUERY_TOO_COSTLY', 50]);
    expect(await asking('public-security.household-registry', 'household-administration')).toEqual([200, null, null]);
  });
});

describeRedis('replicas sharing Redis', (url) => {
  const other = tempDir('rate-limit-other');
  const replicas: TestProcess[] = [];

  beforeAll(async () => {
    cpSync(join(dataDir, 'keys'), join(other, 'keys'), { recursive: true });
    replicas.push(gateway(BASE + 8, dataDir, { CAUSEWAY_REDIS_URL: url }), gateway(BASE + 9, other, { CAUSEWAY_REDIS_URL: url }));
    await waitForStatus(`http://127.0.0.1:${BASE + 8}/health`, 200);
    await waitForStatus(`http://127.0.0.1:${BASE + 9}/health`, 200);
  });

  afterAll(async () => {
    await Promise.all(replicas.map((p) => p.stop()));
  });

  it('count one allowance between them', async () => {
    const statuses = [];
    for (let i = 0; i < LIMIT + 2; i++) statuses.push((await ask(i % 2 ? BASE + 9 : BASE + 8, 'civil-affairs.subsidy-review', 'subsidy-eligibility')).status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(LIMIT);
    expect(statuses.slice(LIMIT)).toEqual([429, 429]);
  });
});
