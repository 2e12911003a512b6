import { applyMask } from '#policy';
import { afterAll, describe, expect, it } from '@jest/globals';
import { demoPeople } from '#demo-data';
import { get } from 'node:http';
import { caller, httpStatus, waitForStatus } from './support/http.js';
import { bureauList, bureauPorts, sleep, startApp, tempDir, type TestProcess } from './support/processes.js';

/**
 * The gateway starts while the health bureau is down: it must come up, say
 * it is not ready, refuse exchanges clearly, and become ready by itself
 * once the bureau appears — without a restart.
 */
const BASE = 14200;
const GATEWAY = `http://127.0.0.1:${BASE}`;
const JWKS = `${GATEWAY}/.well-known/jwks.json`;
const dataDir = tempDir('readiness');
const ports = bureauPorts(BASE);
const started: TestProcess[] = [];
const ask = caller(`${GATEWAY}/graphql`, dataDir);

function start(...args: Parameters<typeof startApp>): TestProcess {
  const process = startApp(...args);
  started.push(process);
  return process;
}

/** GET a health endpoint of the gateway, optionally from another local address (not loopback to the gateway's eyes). */
function healthAt(path: string, localAddress?: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = get({ host: '127.0.0.1', port: BASE, path, ...(localAddress ? { localAddress } : {}) }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as unknown }));
    });
    request.on('error', reject);
  });
}

afterAll(async () => {
  await Promise.all(started.map((p) => p.stop()));
});

describe('gateway start-up with a bureau down', () => {
  it('reports not-ready, refuses exchanges, then recovers when the bureau returns', async () => {
    const others = (['public-security', 'civil-affairs', 'market-regulation'] as const).map((bureau) =>
      start(bureau, { CAUSEWAY_PORT: String(ports[bureau]), CAUSEWAY_DATA_DIR: dataDir, CAUSEWAY_GATEWAY_JWKS_URL: JWKS }),
    );
    await Promise.all(others.map((bureau) => bureau.waitForOutput('bureau listening', 60_000)));
    const gateway = start('gateway', {
      CAUSEWAY_PORT: String(BASE),
      CAUSEWAY_DATA_DIR: dataDir,
      CAUSEWAY_BUREAUS: bureauList(BASE),
      CAUSEWAY_COMPOSE_RETRY_MS: '300',
    });
    await gateway.waitForOutput('gateway listening');

    // The first composition runs once the gateway listens.
    let health: { status: number; body: { reason?: string } } = { status: 0, body: {} };
    for (let i = 0; i < 50 && health.body.reason !== 'unreachable bureaus: health'; i++) {
      const response = await fetch(`${GATEWAY}/health`);
      health = { status: response.status, body: (await response.json()) as { reason?: string } };
      await sleep(100);
    }
    expect(health).toEqual({ status: 503, body: expect.objectContaining({ status: 'not-ready', reason: 'unreachable bureaus: health' }) });
    // Not ready, yet alive: a liveness probe must not restart a gateway that waits for a bureau.
    expect(await healthAt('/health/ready')).toEqual({
      status: 503,
      body: {
        status: 'error',
        info: { ledger: expect.objectContaining({ status: 'up' }), database: expect.objectContaining({ status: 'up' }) },
        error: { supergraph: expect.objectContaining({ status: 'down', reason: 'unreachable bureaus: health' }) },
        details: expect.objectContaining({ supergraph: expect.objectContaining({ status: 'down' }) }),
      },
    });
    // From another address, the statuses alone: the reasons are for operators on the host.
    expect(await healthAt('/health/ready', '127.0.0.2')).toEqual({
      status: 503,
      body: {
        status: 'error',
        info: { ledger: { status: 'up' }, database: { status: 'up' } },
        error: { supergraph: { status: 'down' } },
        details: { supergraph: { status: 'down' }, ledger: { status: 'up' }, database: { status: 'up' } },
      },
    });
    expect(await healthAt('/health/live')).toEqual({ status: 200, body: { status: 'ok', info: {}, error: {}, details: {} } });

    const refused = await ask('{ enterprises(first: 1) { totalCount } }');
    expect(refused.status).toBe(503);
    expect(refused.body.errors).toEqual([
      {
        message: expect.stringContaining('not available yet'),
        extensions: { code: 'BUREAU_UNAVAILABLE', reason: 'supergraph-not-ready', exchangeId: expect.any(String) },
      },
    ]);
    expect(refused.raw).not.toContain(`:${ports.health}`);

    start('health', { CAUSEWAY_PORT: String(ports.health), CAUSEWAY_DATA_DIR: dataDir, CAUSEWAY_GATEWAY_JWKS_URL: JWKS });
    await waitForStatus(`${GATEWAY}/health`, 200, 60_000);
    expect(gateway.running).toBe(true);

    const person = demoPeople()[42]!;
    const answer = await ask(`{ person(idNumber: "${person.idNumber}") { name medicalInsurance { status } } }`);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toMatchObject({ person: { name: applyMask('NAME', person.name) } });
    expect(await httpStatus(`${GATEWAY}/health`)).toBe(200);
    expect(await healthAt('/health/ready')).toEqual({
      status: 200,
      body: expect.objectContaining({
        status: 'ok',
        info: {
          supergraph: expect.objectContaining({ status: 'up', source: 'composed' }),
          ledger: expect.objectContaining({ status: 'up' }),
          database: expect.objectContaining({ status: 'up' }),
        },
      }),
    });
  });
});
