import { applyMask } from '#policy';
import { afterAll, describe, expect, it } from '@jest/globals';
import { demoPeople } from '#demo-data';
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
    expect((await fetch(`${GATEWAY}/health/ready`)).status).toBe(503);
    expect((await fetch(`${GATEWAY}/health/live`)).status).toBe(200);

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
  });
});
