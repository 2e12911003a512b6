import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { callerToken, waitForStatus } from './support/http.js';
import { startBureaus, startGateway, tempDir, type TestProcess } from './support/processes.js';

/**
 * After a burst of hostile requests — thousands of distinct oversized,
 * exploding, malformed and over-limit operations — the gateway keeps
 * nothing of them: it runs with a heap far smaller than the burst's
 * documents would take if any cache or record kept them, still answers,
 * and its memory comes back near where it started.
 */
const BASE = 15800;
const GATEWAY = `http://127.0.0.1:${BASE}/graphql`;
const dataDir = tempDir('memory');
const processes: TestProcess[] = [];
let gateway: TestProcess;
/**
 * The heap the gateway gets. The burst sends half of it again in distinct
 * operation text, and the parse trees of its thousand-alias operations are
 * larger still: had anything kept them, the gateway would run out.
 */
const HEAP_MB = 256;
const BURST = 3200;

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'))!;
  return Number(/(\d+)/.exec(line)![1]) / 1024;
}

/** A distinct, nearly body-sized operation of one hostile kind per request. */
function hostile(i: number): string {
  const pad = `# ${i} ${'x'.repeat(40_000)}\n`;
  switch (i % 4) {
    case 0: // fragments doubling to 2^24 fields
      return JSON.stringify({
        query: `${pad}{ people(first: 1) { nodes { ...F24 } } } fragment F0 on Person { name } ${Array.from({ length: 24 }, (_, k) => `fragment F${k + 1} on Person { ...F${k} ...F${k} }`).join(' ')}`,
      });
    case 1: // a thousand aliases
      return JSON.stringify({ query: `${pad}{ people(first: 1) { nodes { ${Array.from({ length: 1000 }, (_, k) => `a${i}_${k}: name`).join(' ')} } } }` });
    case 2: // malformed JSON
      return `{"query": "${pad.replace(/\n/g, ' ')}`;
    default: // over the body limit
      return JSON.stringify({ query: `${pad}${'y'.repeat(70_000)}{ __typename }` });
  }
}

async function ask(body: string, token: string): Promise<number> {
  if (gateway.child.exitCode !== null) throw new Error(`gateway exited: ${gateway.output.join('').slice(-3000)}`);
  const response = await fetch(GATEWAY, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
  await response.arrayBuffer();
  return response.status;
}

beforeAll(async () => {
  processes.push(...startBureaus(BASE, dataDir));
  gateway = startGateway(BASE, dataDir, { CAUSEWAY_RATE_LIMIT: '1000000', NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}` });
  processes.push(gateway);
  await waitForStatus(`http://127.0.0.1:${BASE}/health`, 200);
});

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
});

it('keeps nothing of a burst of hostile requests: it still answers, and its memory returns near its baseline', async () => {
  const normal = JSON.stringify({ query: '{ people(first: 5) { nodes { name maritalStatus } } }' });
  for (let i = 0; i < 50; i++) expect(await ask(normal, await callerToken(dataDir))).toBe(200);
  const baseline = rssMb(gateway.child.pid!);

  const tokens = await Promise.all(Array.from({ length: BURST }, () => callerToken(dataDir)));
  let next = 0;
  const statuses = new Map<number, number>();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < BURST) {
        const i = next++;
        const status = await ask(hostile(i), tokens[i]!);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  // Every hostile request was refused with a client error; none crashed the gateway or was served.
  expect([...statuses.keys()].every((status) => status >= 400 && status < 500)).toBe(true);
  expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(BURST);

  for (let i = 0; i < 50; i++) expect(await ask(normal, await callerToken(dataDir))).toBe(200);
  const after = rssMb(gateway.child.pid!);
  expect(gateway.child.exitCode).toBeNull();
  // Resident memory may lag the heap's collection, but never by more than the heap it is capped at.
  expect(after - baseline).toBeLessThan(HEAP_MB);
});
