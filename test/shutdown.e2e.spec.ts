import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { callerToken, waitForStatus } from './support/http.js';
import { ledgerRecords } from './support/ledger-rows.js';
import { bureauList, runCli, sleep, startApp, startBureaus, tempDir, type TestProcess, startGateway } from './support/processes.js';

/**
 * SIGTERM under load: the gateway stops accepting, finishes what is in
 * flight, then closes its ledger. Every answer a client received has its
 * committed record, and every record its delivered answer; the ledger
 * verifies afterwards. SIGKILL under load: nothing is finished, but no
 * answer was released before its record committed.
 */
const BASE = 15500;
const dataDir = tempDir('shutdown');
const bureaus: TestProcess[] = [];

beforeAll(() => {
  bureaus.push(...startBureaus(BASE, dataDir));
});

afterAll(async () => {
  await Promise.all(bureaus.map((p) => p.stop()));
});

/** Clients sending until the gateway stops answering; `delivered` gets the exchange id of every answer they received. */
async function loadUntilStopped(tokens: string[], clients: number, delivered: string[]): Promise<void> {
  let next = 0;
  const client = async () => {
    while (next < tokens.length) {
      const token = tokens[next++]!;
      try {
        const response = await fetch(`http://127.0.0.1:${BASE}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: '{ people(first: 3) { nodes { name maritalStatus } } }' }),
        });
        const body = (await response.json()) as { extensions?: { causeway?: { exchangeId?: string } }; errors?: Array<{ extensions?: { exchangeId?: string } }> };
        delivered.push(String(body.extensions?.causeway?.exchangeId ?? body.errors?.[0]?.extensions?.exchangeId));
      } catch {
        return; // the gateway no longer answers
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
}

/** Until the load has had some answers, however fast the machine: the signal then falls among requests in flight. */
async function underWay(delivered: readonly string[]): Promise<void> {
  while (delivered.length < 20) await sleep(10);
}

/** A gateway started with `env`, sent SIGTERM while clients load it; what the ledger held before, and every answer the clients received. */
async function terminatedUnderLoad(env: Record<string, string>): Promise<{ gateway: TestProcess; before: Set<string>; delivered: string[] }> {
  const gateway = startGateway(BASE, dataDir, env);
  await waitForStatus(`http://127.0.0.1:${BASE}/health`, 200);
  const tokens = await Promise.all(Array.from({ length: 400 }, () => callerToken(dataDir)));
  const before = new Set(ledgerRecords(dataDir).map((row) => row.exchange_id));
  const delivered: string[] = [];
  const load = loadUntilStopped(tokens, 8, delivered);
  await underWay(delivered);
  await gateway.stop('SIGTERM');
  await load;
  return { gateway, before, delivered };
}

it('answers and records everything it accepted, and nothing else', async () => {
  const { gateway, before, delivered } = await terminatedUnderLoad({ CAUSEWAY_RATE_LIMIT: '100000' });
  expect((await gateway.exited).code).toBe(0);
  const recorded = ledgerRecords(dataDir).filter((row) => !before.has(row.exchange_id) && JSON.parse(row.content).kind === 'exchange');
  expect(delivered.length).toBeGreaterThan(0);
  expect(recorded.map((row) => row.exchange_id).sort()).toEqual([...delivered].sort());
  const verify = await runCli(['ledger', 'verify', '--data-dir', dataDir, '--json']);
  expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, broken: null });
});

it('with no grace at all: every answer it recorded as released was delivered, or has a record saying it was not', async () => {
  const { gateway, before, delivered } = await terminatedUnderLoad({ CAUSEWAY_RATE_LIMIT: '100000', CAUSEWAY_SHUTDOWN_GRACE_MS: '0' });
  expect((await gateway.exited).code).toBe(0);
  const records = ledgerRecords(dataDir).filter((row) => !before.has(row.exchange_id));
  const ids = new Set(records.map((row) => row.exchange_id));
  const released = records.filter((row) => ['ALLOWED', 'PARTIAL'].includes(JSON.parse(row.content).decision ?? '') && !row.exchange_id.endsWith('.undelivered'));
  expect(delivered.filter((exchangeId) => !ids.has(exchangeId))).toEqual([]);
  expect(released.filter((row) => !delivered.includes(row.exchange_id) && !ids.has(`${row.exchange_id}.undelivered`)).map((row) => row.exchange_id)).toEqual([]);
  const verify = await runCli(['ledger', 'verify', '--data-dir', dataDir, '--json']);
  expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, broken: null });
});

it('killed under load (SIGKILL) and restarted: every answer a client received has its committed record, and the ledger verifies', async () => {
  const env = { CAUSEWAY_PORT: String(BASE), CAUSEWAY_DATA_DIR: dataDir, CAUSEWAY_BUREAUS: bureauList(BASE), CAUSEWAY_COMPOSE_RETRY_MS: '300', CAUSEWAY_RATE_LIMIT: '100000' };
  const gateway = startApp('gateway', env);
  await waitForStatus(`http://127.0.0.1:${BASE}/health`, 200);
  const tokens = await Promise.all(Array.from({ length: 400 }, () => callerToken(dataDir)));
  const delivered: string[] = [];
  const load = loadUntilStopped(tokens, 8, delivered);
  await underWay(delivered);
  await gateway.stop('SIGKILL');
  await load;
  const restarted = startApp('gateway', env);
  try {
    await waitForStatus(`http://127.0.0.1:${BASE}/health`, 200);
    const recorded = new Set(ledgerRecords(dataDir).map((row) => row.exchange_id));
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered.filter((exchangeId) => !recorded.has(exchangeId))).toEqual([]);
    const verify = await runCli(['ledger', 'verify', '--data-dir', dataDir, '--json']);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, broken: null });
  } finally {
    await restarted.stop();
  }
});
