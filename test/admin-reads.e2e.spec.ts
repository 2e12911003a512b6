import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Agent, fetch as fetchOn } from 'undici';
import { callerToken, graphql, waitForStatus } from './support/http.js';
import { fillLedger } from './support/ledger-filler.js';
import { runCli, startBureaus, startGateway, tempDir, type TestProcess } from './support/processes.js';

/**
 * An auditor's heavy read of the embedded SQLite ledger never stalls the
 * exchange path: its statements run in a process of its own (libs/ledger
 * sqlite-read.process.ts), so exchanges keep being answered and recorded
 * while it reads. The read is the export of the whole ledger, whose length
 * grows with the ledger on any machine (a search an index answers at once
 * could end before a single exchange was sent).
 */
const BASE = 16700;
const GATEWAY = `http://127.0.0.1:${BASE}/graphql`;
const dataDir = tempDir('admin-reads');
const processes: TestProcess[] = [];
const FILLED = 200_000;

beforeAll(async () => {
  processes.push(...startBureaus(BASE, dataDir));
  // A timeout far beyond the read, so that it runs to its end.
  processes.push(startGateway(BASE, dataDir, { CAUSEWAY_DEV_PEOPLE_TOKENS: 'true', CAUSEWAY_ADMIN_QUERY_TIMEOUT_MS: '300000' }));
  await waitForStatus(`http://127.0.0.1:${BASE}/health`, 200);
  fillLedger(dataDir, FILLED);
});

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
});

describe('a slow auditor read on SQLite', () => {
  it('runs while exchanges keep flowing, each recorded', async () => {
    const auditor = (await runCli(['token', '--user', 'auditor-1', '--data-dir', dataDir])).stdout.trim();
    let finished = false;
    // The whole ledger exported: a read whose length grows with the ledger (every record, page by page),
    // not one an index can answer at once, so that exchanges can be sent while it runs on any machine.
    // On a connection of its own: a kept-alive connection of the client's pool that sat idle while the ledger filled can be
    // closed by the gateway just as a request is sent on it ("other side closed"), which says nothing about the read.
    const fresh = new Agent();
    const exported = fetchOn(`http://127.0.0.1:${BASE}/admin/ledger/export?format=csv`, { headers: { authorization: `Bearer ${auditor}` }, dispatcher: fresh })
      .then(async (response) => ({ status: response.status, text: await response.text() }))
      .finally(() => {
        finished = true;
        void fresh.close();
      });
    const during: string[] = [];
    for (let i = 0; i < 1000 && !finished; i++) {
      // A client assertion is good for one exchange.
      const answer = await graphql(GATEWAY, '{ people(first: 1) { nodes { gender } } }', {}, { authorization: `Bearer ${await callerToken(dataDir)}` });
      const health = await fetch(`http://127.0.0.1:${BASE}/health`);
      if (!finished) during.push(`${answer.status} ${health.status} ${(answer.body.extensions?.causeway as { ledger?: unknown } | undefined)?.ledger ? 'recorded' : 'unrecorded'}`);
    }
    const { status, text } = await exported;
    expect(status).toBe(200);
    // A header, the filled records, and those of the exchanges sent before it began.
    expect(text.trim().split('\n').length).toBeGreaterThan(FILLED);
    // Exchanges were answered and recorded all along the read.
    expect(during.length).toBeGreaterThanOrEqual(3);
    expect(new Set(during)).toEqual(new Set(['200 200 recorded']));
  });
});
