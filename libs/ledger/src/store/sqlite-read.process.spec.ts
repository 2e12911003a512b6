import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '#database';
import type { ExchangeEntry } from '../ledger-entry.js';
import { LEDGER_FEATURE } from '../ledger.feature.js';
import { ledgerStatistics } from '../search/ledger.statistics.js';
import { ownerUsage } from '../search/owner-usage.js';
import { searchLedger } from '../search/ledger.search.js';
import { verifyLedger } from '../verify/ledger.verifier.js';
import { createLedgerAppender } from './create-ledger-appender.js';
import { LedgerReader } from './ledger.reader.js';
import { createReadProcess, ReadTimeoutError, SqliteReadProcess } from './sqlite-read.process.js';

const RANKS = new Map([
  ['PUBLIC', 0],
  ['INTERNAL', 1],
  ['SENSITIVE', 2],
]);

function exchange(id: number): ExchangeEntry {
  const owner = id % 3 ? 'public-security' : 'health';
  return {
    kind: 'exchange',
    exchangeId: `exchange-${id}`,
    startedAt: new Date(Date.UTC(2026, 10, 1 + (id % 4), 8, 0, id)).toISOString(),
    endedAt: new Date(Date.UTC(2026, 10, 1 + (id % 4), 8, 0, id, 20)).toISOString(),
    caller: { system: `system-${id % 2}`, department: `department-${id % 2}`, issuer: null, tokenId: null, verified: true },
    purpose: 'subsidy-eligibility',
    operation: { name: null, hash: null, variablesHash: null },
    decision: id % 5 ? 'ALLOWED' : 'PARTIAL',
    enforcement: 'filter',
    policyVersion: 1,
    fields: [{ path: 'person.name', coordinate: `Person.f${id % 3}`, owner, level: 'SENSITIVE', outcome: id % 5 ? 'served' : 'denied', mask: null, reason: null, rules: [] }],
    bureaus: [],
    errorCodes: [],
    grade: { maxLevel: 'SENSITIVE', maxLevelRank: id % 3, piiServed: {} },
    traceId: null,
    clientAddress: null,
    responseBytes: 10,
    subjects: [{ token: `k.${id % 7}`, owners: [owner] }],
  };
}

describe("people's reads of an SQLite ledger, in a process of their own", () => {
  const file = join(mkdtempSync(join(tmpdir(), 'causeway-ledger-reads-')), 'gateway.sqlite');
  let dataSource: DataSource;
  let thread: SqliteReadProcess;
  let reader: LedgerReader;

  beforeAll(async () => {
    dataSource = await new DataSource(dataSourceOptions({ type: 'sqlite', file }, [LEDGER_FEATURE])).initialize();
    const appender = createLedgerAppender(dataSource, RANKS);
    reader = new LedgerReader(dataSource);
    await appender.append(
      'chain-a',
      await reader.head('chain-a'),
      Array.from({ length: 60 }, (_, i) => ({ entry: exchange(i + 1), operation: null })),
    );
    await appender.close();
    thread = createReadProcess(dataSource, 1500)!;
  });

  afterAll(async () => {
    await thread?.close();
    await dataSource?.destroy();
  });

  it('answer exactly what the same reads on the gateway’s connection answer', async () => {
    const threaded = reader.on(thread);
    for (const filter of [
      {},
      { system: 'system-1', decision: 'PARTIAL' },
      { ownerDepartment: 'health' },
      { coordinate: 'Person.f2' },
      { subjectTokens: ['k.3'], subjectOwner: 'public-security' },
    ]) {
      const [direct, off] = [await searchLedger(reader, filter, 7, null), await searchLedger(threaded, filter, 7, null)];
      expect(off.records.map((record) => ({ ...record }))).toEqual(direct.records.map((record) => ({ ...record })));
      expect([off.endCursor, off.hasNextPage]).toEqual([direct.endCursor, direct.hasNextPage]);
      expect(off.records.length).toBeGreaterThan(0);
    }
    const range = ['2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z'] as const;
    expect(await ledgerStatistics(threaded, ...range)).toEqual(JSON.parse(JSON.stringify(await ledgerStatistics(reader, ...range))));
    expect(await ownerUsage(threaded, 'health', ...range)).toEqual(await ownerUsage(reader, 'health', ...range));
    expect(await verifyLedger(threaded, { keys: [] }, RANKS)).toEqual(await verifyLedger(reader, { keys: [] }, RANKS));
  });

  it('leave the event loop free while a statement runs, and stop one at the timeout; the next read runs', async () => {
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 10);
    // A statement that never ends by itself.
    const forever = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT COUNT(*) AS c FROM n';
    try {
      await expect(thread.all(forever, [])).rejects.toBeInstanceOf(ReadTimeoutError);
    } finally {
      clearInterval(ticker);
    }
    // Run on this thread, the statement would have held it until stopped: not one tick. Stopped, it holds nothing.
    expect(ticks).toBeGreaterThan(10);
    expect(await thread.all('SELECT COUNT(*) AS c FROM ledger_record WHERE chain = ?', ['chain-a'])).toEqual([{ c: 60 }]);
  });

  it('are none for PostgreSQL or an in-memory database', () => {
    expect(createReadProcess({ options: { type: 'postgres' } }, 1000)).toBeNull();
    expect(createReadProcess({ options: { type: 'better-sqlite3', database: ':memory:' } }, 1000)).toBeNull();
  });
});
