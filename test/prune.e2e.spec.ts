import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { callerToken, graphql, waitForStatus } from './support/http.js';
import { runCli, startBureaus, startGateway, tempDir, type TestProcess } from './support/processes.js';
import { TestObjectStore } from './support/s3.js';

/**
 * Retention with pruning: records past retention are archived to a
 * verified file and removed from the database behind a signed tombstone
 * checkpoint; what remains and the archives verify end to end, and nothing
 * else can be removed.
 */
const BASE = 16800;
const GATEWAY = `http://127.0.0.1:${BASE}/graphql`;
const dataDir = tempDir('prune');
const archives = tempDir('prune-archives');
const processes: TestProcess[] = [];
const DAY = 86_400_000;

async function exchanges(count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const answer = await graphql(GATEWAY, '{ people(first: 2) { nodes { gender } } }', {}, { authorization: `Bearer ${await callerToken(dataDir)}` });
    expect(answer.status).toBe(200);
  }
}

function database(dir = dataDir, readonly = true): Database.Database {
  return new Database(join(dir, 'gateway.sqlite'), { readonly, timeout: 5000 });
}

/** The gateway's own chain (the one its exchanges go to, as /health names it) and how many of its records the database holds. */
async function exchangeChain(): Promise<{ chain: string; records: number; first: number | null }> {
  const { chain } = ((await (await fetch(`http://127.0.0.1:${BASE}/health`)).json()) as { ledger: { chain: string } }).ledger;
  const db = database();
  try {
    const { records, first } = db.prepare('SELECT COUNT(*) AS records, MIN(seq) AS first FROM ledger_record WHERE chain = ?').get(chain) as { records: number; first: number | null };
    return { chain, records, first };
  } finally {
    db.close();
  }
}

/** Waits until a checkpoint has sealed every record of the chain (they are sealed every 200 ms). */
async function sealed(chain: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const db = database();
    try {
      const head = (db.prepare('SELECT MAX(seq) AS seq FROM ledger_record WHERE chain = ?').get(chain) as { seq: number }).seq;
      const stated = (db.prepare('SELECT MAX(seq) AS seq FROM ledger_checkpoint_head WHERE chain = ?').get(chain) as { seq: number | null }).seq ?? 0;
      if (stated >= head) return;
    } finally {
      db.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`chain ${chain} was never sealed`);
}

/** The CLI with its clock `days` ahead: everything recorded until now is that old. */
const later = (days: number) => ({ CAUSEWAY_TEST_CLOCK: new Date(Date.now() + days * DAY).toISOString() });

async function verify(...args: string[]): Promise<{ ok: boolean; broken: { reason: string } | null }> {
  const result = await runCli(['ledger', 'verify', '--json', ...args]);
  return JSON.parse(result.stdout) as { ok: boolean; broken: { reason: string } | null };
}

beforeAll(async () => {
  processes.push(...startBureaus(BASE, dataDir));
  processes.push(startGateway(BASE, dataDir, { CAUSEWAY_LEDGER_CHECKPOINT_MS: '200' }));
  await waitForStatus(`http://127.0.0.1:${BASE}/health`, 200);
  await exchanges(5);
});

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
});

describe('pruning the ledger', () => {
  const first = join(archives, 'first.ndjson');
  const second = join(archives, 'second.ndjson');

  it('archives the sealed records past retention, removes them behind a tombstone, and both verify end to end', async () => {
    const { chain, records } = await exchangeChain();
    await sealed(chain);
    const pruned = await runCli(['ledger', 'prune', '--out', first, '--data-dir', dataDir], later(200));
    expect([pruned.code, pruned.stderr]).toEqual([0, '']);
    expect(pruned.stdout).toMatch(new RegExp(`archived ${records} records .* behind tombstone checkpoint \\d+`));
    expect((await exchangeChain()).records).toBe(0);
    // The chains of governance and the registry are the state's history: they stay.
    const db = database();
    expect((db.prepare("SELECT COUNT(*) AS n FROM ledger_record WHERE chain = 'governance'").get() as { n: number }).n).toBeGreaterThan(0);
    db.close();
    // The gateway goes on recording after the cut.
    await exchanges(3);
    expect(await exchangeChain()).toMatchObject({ chain, records: 3, first: records + 1 });
    expect(await verify('--data-dir', dataDir)).toMatchObject({ ok: true, broken: null });
    expect(await verify('--file', first, '--data-dir', dataDir)).toMatchObject({ ok: true });
    expect(await verify('--data-dir', dataDir, '--archive', first)).toMatchObject({ ok: true });
  });

  it('a later prune starts where the last one ended; every archive must be given, unchanged', async () => {
    const { chain } = await exchangeChain();
    await sealed(chain);
    expect((await runCli(['ledger', 'prune', '--out', second, '--data-dir', dataDir], later(400))).code).toBe(0);
    expect(await verify('--data-dir', dataDir, '--archive', first, '--archive', second)).toMatchObject({ ok: true });
    expect((await verify('--data-dir', dataDir, '--archive', second)).broken).toMatchObject({ reason: 'ARCHIVE_MISSING' });
    const changed = join(archives, 'changed.ndjson');
    writeFileSync(changed, readFileSync(first, 'utf8').replace(/"responseBytes":\d+/, '"responseBytes":1'));
    expect((await verify('--data-dir', dataDir, '--archive', changed, '--archive', second)).broken).toMatchObject({ reason: 'ARCHIVE_MISMATCH' });
    // Nothing within retention is ever pruned.
    const again = await runCli(['ledger', 'prune', '--out', join(archives, 'none.ndjson'), '--data-dir', dataDir]);
    expect([again.code, again.stdout]).toEqual([0, expect.stringMatching(/^nothing to prune/)]);
  });

  it('removes nothing without a signed tombstone: the database refuses, and a forged removal row is found', async () => {
    await exchanges(1);
    const { chain, first: seq } = await exchangeChain();
    const live = database(dataDir, false);
    try {
      expect(() => live.prepare('DELETE FROM ledger_record WHERE chain = ? AND seq = ?').run(chain, seq)).toThrow(/append-only/);
    } finally {
      live.close();
    }
    // An insider writes a removal row of their own to get past the guard.
    const copy = tempDir('prune-forged');
    const source = database();
    await source.backup(join(copy, 'gateway.sqlite'));
    source.close();
    cpSync(join(dataDir, 'keys'), join(copy, 'keys'), { recursive: true });
    const forged = database(copy, false);
    forged.prepare("INSERT INTO ledger_pruned (number, chain, seq, hash, archive) VALUES (999999, ?, ?, 'x', 'y')").run(chain, seq);
    forged.prepare('DELETE FROM ledger_record WHERE chain = ? AND seq = ?').run(chain, seq);
    forged.close();
    expect((await verify('--data-dir', copy)).ok).toBe(false);
  });
});

describe('pruning into object storage (s3://bucket/key)', () => {
  let store: TestObjectStore;
  const SECRET = 'archive-secret-key-never-printed';
  const inStore = () => ({ CAUSEWAY_ARCHIVE_S3_ENDPOINT: store.endpoint, AWS_ACCESS_KEY_ID: 'archiver', AWS_SECRET_ACCESS_KEY: SECRET });
  const first = join(archives, 'first.ndjson');
  const second = join(archives, 'second.ndjson');

  beforeAll(async () => {
    store = await TestObjectStore.start();
  });

  afterAll(async () => {
    await store.stop();
  });

  it('removes nothing when the store does not give back the archive written, or cannot be reached', async () => {
    await exchanges(2);
    const { chain, records } = await exchangeChain();
    await sealed(chain);
    store.alter = (stored) => Buffer.concat([stored, Buffer.from('\n')]);
    const altered = await runCli(['ledger', 'prune', '--out', 's3://archives/ledger/altered.ndjson', '--data-dir', dataDir], { ...later(600), ...inStore() });
    store.alter = null;
    expect([altered.code, altered.stderr]).toEqual([1, expect.stringMatching(/does not hold the archive written .*nothing was removed/)]);
    const down = await runCli(['ledger', 'prune', '--out', 's3://archives/ledger/down.ndjson', '--data-dir', dataDir], {
      ...later(600),
      ...inStore(),
      CAUSEWAY_ARCHIVE_S3_ENDPOINT: 'http://127.0.0.1:9',
    });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^causeway: object storage, s3:\/\/archives\/ledger\/down.ndjson: /);
    for (const output of [altered, down]) expect(output.stdout + output.stderr).not.toContain(SECRET);
    expect((await exchangeChain()).records).toBe(records);
  });

  it('archives to the store, verified as read back, and the database and the stored archive verify end to end', async () => {
    const { chain, records } = await exchangeChain();
    await sealed(chain);
    const pruned = await runCli(['ledger', 'prune', '--out', 's3://archives/ledger/third.ndjson', '--data-dir', dataDir], { ...later(600), ...inStore() });
    expect([pruned.code, pruned.stderr]).toEqual([0, '']);
    const digest = /SHA-256 ([0-9a-f]{64})/.exec(pruned.stdout)?.[1];
    expect(pruned.stdout).toContain(`archived ${records} records`);
    expect(pruned.stdout).toContain('to s3://archives/ledger/third.ndjson');
    expect(store.sha256('archives/ledger/third.ndjson')).toBe(digest);
    expect((await exchangeChain()).records).toBe(0);
    const archived = ['--archive', first, '--archive', second];
    const verified = await runCli(['ledger', 'verify', '--json', '--data-dir', dataDir, ...archived, '--archive', 's3://archives/ledger/third.ndjson'], inStore());
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, broken: null });
    // Left out, or changed in the store: found, and named as given.
    expect((await verify('--data-dir', dataDir, ...archived)).broken).toMatchObject({ reason: 'ARCHIVE_MISSING' });
    store.alter = (stored) => Buffer.from(stored.toString('utf8').replace(/"responseBytes":\d+/, '"responseBytes":1'));
    const changed = await runCli(['ledger', 'verify', '--json', '--data-dir', dataDir, ...archived, '--archive', 's3://archives/ledger/third.ndjson'], inStore());
    store.alter = null;
    expect(JSON.parse(changed.stdout).broken).toMatchObject({ chain: 's3://archives/ledger/third.ndjson', reason: 'ARCHIVE_MISMATCH' });
    // An archive in the store is never overwritten.
    const again = await runCli(['ledger', 'prune', '--out', 's3://archives/ledger/third.ndjson', '--data-dir', dataDir], { ...later(800), ...inStore() });
    expect([again.code, again.stderr]).toEqual([2, expect.stringContaining('exists already')]);
  });
});
