import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair } from 'jose';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '#database';
import { exchangeEntry, fieldOutcome } from '../../../../test/support/exchange-entry.js';
import { CheckpointSealer } from '../checkpoint.sealer.js';
import { LEDGER_FEATURE } from '../ledger.feature.js';
import { createLedgerAppender } from '../store/create-ledger-appender.js';
import { LedgerReader } from '../store/ledger.reader.js';
import { joinSegments, planSegments, stretchSize, verifySegment, withoutUrls, type SegmentRunner } from './chain-segments.js';
import { appendForged } from './forged-record.testing.js';
import { verifyLedger } from './ledger.verifier.js';

const RANKS = new Map([
  ['PUBLIC', 0],
  ['INTERNAL', 1],
  ['SENSITIVE', 2],
  ['CORE', 3],
]);

/** Stretches run here, one after another, exactly as a worker runs them. */
function inProcess(reader: LedgerReader, jobs: number): SegmentRunner {
  return { jobs, run: async (tasks) => Promise.all(tasks.map((task) => verifySegment(reader, task, RANKS))) };
}

describe('verifying a chain in stretches', () => {
  let dataSource: DataSource;
  let reader: LedgerReader;
  let jwks: { keys: object[] };

  /** Two announced chains, gw-a of 21 records and gw-b of 9, each record with field and data-subject rows, sealed midway and at the end. */
  beforeEach(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'causeway-stretches-')), 'gateway.sqlite');
    dataSource = await new DataSource(dataSourceOptions({ type: 'sqlite', file }, [LEDGER_FEATURE])).initialize();
    const appender = createLedgerAppender(dataSource, RANKS);
    reader = new LedgerReader(dataSource);
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
    jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'EdDSA' }] };
    for (const [chain, count] of [
      ['gw-a', 21],
      ['gw-b', 9],
    ] as const) {
      const sealer = new CheckpointSealer(appender, chain, { issuer: 'causeway-gateway', signer: async () => ({ kid: 'k1', key: privateKey }) });
      await sealer.announce();
      for (let i = 1; i <= count; i++) {
        const entry = exchangeEntry(`${chain}-${i}`, new Date(Date.UTC(2026, 10, 1, 8, 0, i)).toISOString(), {
          fields: [fieldOutcome('Person.name', 'public-security', 'SENSITIVE'), fieldOutcome('Person.maritalStatus', 'civil-affairs', 'INTERNAL', i % 3 ? 'served' : 'denied')],
          subjects: [{ token: `subject-${i % 4}`, owners: ['public-security'] }],
        });
        await appender.append(chain, await reader.head(chain), [{ entry, operation: null }]);
        if (i === 10) await sealer.seal(true);
      }
      await sealer.seal(true);
    }
    await appender.close();
  });

  afterEach(async () => {
    await dataSource.destroy();
  });

  /** SQL run behind the append-only triggers' back, as an insider with the database file could. */
  async function tamper(...statements: string[]): Promise<void> {
    const triggers = (await dataSource.query("SELECT name FROM sqlite_master WHERE type = 'trigger'")) as Array<{ name: string }>;
    for (const { name } of triggers) await dataSource.query(`DROP TRIGGER ${name}`);
    for (const statement of statements) await dataSource.query(statement);
  }

  const serial = () => verifyLedger(reader, jwks, RANKS);
  const inStretches = () => verifyLedger(reader, jwks, RANKS, { parallel: { runner: inProcess(reader, 2), minimum: 4 } });

  it('cuts each chain into stretches from seq 1 to its end, the first one resuming after a pruned head', async () => {
    const plan = await planSegments(reader, 'gw-a', 2, 4, { seq: 0, hash: 'h' }, [[10, 'sealed-hash']]);
    expect(plan.map(({ lo, hi }) => [lo, hi])).toEqual([
      [1, 4],
      [5, 8],
      [9, 12],
      [13, 16],
      [17, 20],
      [21, 2_147_483_647],
    ]);
    expect(plan.map((task) => [task.first, task.pruned ?? null])).toEqual([[true, { seq: 0, hash: 'h' }], ...Array(5).fill([false, null])]);
    expect(plan.map((task) => task.sealed)).toEqual([[], [], [[10, 'sealed-hash']], [], [], []]);
  });

  it('reports a whole ledger verified in stretches exactly as when verified record by record', async () => {
    const expected = await serial();
    expect(expected).toMatchObject({ ok: true, verified: 30, chains: 2 });
    expect(await inStretches()).toEqual(expected);
  });

  it.each([
    ['a changed record that begins a stretch', ["UPDATE ledger_record SET content = replace(content, 'a', 'b') WHERE chain = 'gw-a' AND seq = 5"]],
    ['the last record of a stretch removed', ["DELETE FROM ledger_record WHERE chain = 'gw-a' AND seq = 8"]],
    ['a whole stretch removed', ["DELETE FROM ledger_record WHERE chain = 'gw-a' AND seq BETWEEN 5 AND 8", "DELETE FROM ledger_field WHERE chain = 'gw-a' AND seq BETWEEN 5 AND 8"]],
    ['a stretch rewritten onto its own chain of hashes', ["UPDATE ledger_record SET previous_hash = '0' || substr(previous_hash, 2) WHERE chain = 'gw-a' AND seq = 9"]],
    ['a field row removed at the end of a stretch', ["DELETE FROM ledger_field WHERE chain = 'gw-a' AND seq = 12 AND owner = 'civil-affairs'"]],
    [
      'a data-subject row of a record that does not exist',
      ["INSERT INTO ledger_subject (chain, seq, token, started_at, owners) VALUES ('gw-b', 30, 'x', '2026-11-01T08:00:00.000Z', 'health')"],
    ],
    [
      'a forged record numbered 0, outside the chain',
      [
        "INSERT INTO ledger_record SELECT chain, 0, 'forged', kind, started_at, system, department, purpose, decision, max_level_rank, trace_id, operation_hash, previous_hash, hash, content FROM ledger_record WHERE chain = 'gw-b' AND seq = 1",
      ],
    ],
    [
      'a forged field row numbered beyond any chain',
      ["INSERT INTO ledger_field (chain, seq, owner, started_at, grade, fields) VALUES ('gw-a', 4294967296, 'health', '2026-11-01T08:00:00.000Z', 1, 'Person.name 1 served')"],
    ],
    [
      'the tail of a chain cut behind its last checkpoint',
      [
        "DELETE FROM ledger_record WHERE chain = 'gw-a' AND seq > 18",
        "DELETE FROM ledger_field WHERE chain = 'gw-a' AND seq > 18",
        "DELETE FROM ledger_subject WHERE chain = 'gw-a' AND seq > 18",
      ],
    ],
  ])('finds %s at the same place as record-by-record verification', async (_name, statements) => {
    await tamper(...statements);
    const expected = await serial();
    expect(expected.ok).toBe(false);
    expect(await inStretches()).toEqual(expected);
  });

  it('verifies deep in stretches too: a record sealed against its content, after the last checkpoint, found at its place', async () => {
    const forged = exchangeEntry('gw-a-22', '2026-11-01T08:00:22.000Z', { subjects: [{ token: 'subject-hidden', owners: ['public-security'] }] });
    await appendForged(dataSource, 'gw-a', await reader.head('gw-a'), { kind: 'subjects-hidden', entry: forged }, RANKS);
    expect(await inStretches()).toMatchObject({ ok: true, verified: 31 });
    const deep = await verifyLedger(reader, jwks, RANKS, { deep: true });
    expect(deep).toMatchObject({ ok: false, verified: 21, broken: { chain: 'gw-a', seq: 22, reason: 'INDEX_MISMATCH', detail: 'data-subject rows differ from the sealed content' } });
    expect(await verifyLedger(reader, jwks, RANKS, { deep: true, parallel: { runner: inProcess(reader, 2), minimum: 4 } })).toEqual(deep);
  });

  it('verifies every chain on this thread when a worker fails, with the same report', async () => {
    const failing: SegmentRunner = { jobs: 2, run: async () => Promise.reject(new Error('the worker ran out of memory')) };
    const told: string[] = [];
    const parallel = () => verifyLedger(reader, jwks, RANKS, { parallel: { runner: failing, minimum: 4, failed: (error) => told.push(error.message) } });
    expect(await parallel()).toEqual(await serial());
    expect(told).toEqual(['the worker ran out of memory']);
    await tamper("DELETE FROM ledger_record WHERE chain = 'gw-b' AND seq = 3");
    expect(await parallel()).toEqual(await serial());
    expect((await serial()).broken).toMatchObject({ chain: 'gw-b', seq: 4, reason: 'SEQUENCE_GAP' });
  });

  it('joins stretches only when each begins right after the record the one before ended on, from its hash', () => {
    const stretch = (anchor: [number, string] | null, last: [number, string] | null, count: number) => ({
      ok: true,
      count,
      anchor: anchor && { seq: anchor[0], previousHash: anchor[1] },
      last: last && { seq: last[0], hash: last[1] },
      met: [],
    });
    expect(joinSegments([stretch(null, [4, 'h4'], 4), stretch([5, 'h4'], [8, 'h8'], 4), stretch(null, null, 0)])).toEqual({ last: { seq: 8, hash: 'h8' }, count: 8 });
    expect(joinSegments([stretch(null, [4, 'h4'], 4), stretch([5, 'other'], [8, 'h8'], 4)])).toBeNull();
    expect(joinSegments([stretch(null, [4, 'h4'], 4), stretch([6, 'h4'], [8, 'h8'], 3)])).toBeNull();
    expect(joinSegments([stretch(null, null, 0), stretch([5, 'h4'], [8, 'h8'], 4)])).toBeNull();
    expect(joinSegments([stretch(null, [4, 'h4'], 4), { ...stretch([5, 'h4'], [8, 'h8'], 4), ok: false }])).toBeNull();
  });
});

describe('the length of the stretches', () => {
  it('makes more stretches than workers a multiple of their number, none shorter than the minimum', () => {
    // 100,000 records for two workers: four stretches of 25,000, not five of 20,000 (one worker doing three).
    expect(stretchSize(100_000, 2, 20_000)).toBe(25_000);
    // Already four a worker: unchanged.
    expect(stretchSize(1_000_000, 2, 20_000)).toBe(125_000);
    // Fifty of 20,000 for sixteen workers would leave two of them a fourth: forty-eight instead.
    expect(stretchSize(1_000_000, 16, 20_000)).toBe(20_834);
    // No more stretches than workers: as they are.
    expect(stretchSize(30_000, 2, 20_000)).toBe(20_000);
    expect(stretchSize(5_000, 4, 20_000)).toBe(20_000);
    for (const jobs of [2, 3, 4, 7, 16]) {
      for (let span = 1; span <= 3_000_000; span += 9_973) {
        const size = stretchSize(span, jobs, 20_000);
        const stretches = Math.ceil(span / size);
        expect(size).toBeGreaterThanOrEqual(20_000);
        expect(stretches <= jobs || stretches % jobs === 0).toBe(true);
        expect(stretches).toBeLessThanOrEqual(jobs * 4);
      }
    }
  });
});

describe("a worker's error as it is told", () => {
  it('names no database URL, nor the password in it', () => {
    const told = withoutUrls('connect ECONNREFUSED for postgresql://causeway:s3cret@db.internal:5432/ledger?sslmode=require, and postgres://x:y@h/d');
    expect(told).toBe('connect ECONNREFUSED for <url> and <url>');
    expect(told).not.toContain('s3cret');
  });
});
