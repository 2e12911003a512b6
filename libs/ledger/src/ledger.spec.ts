import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { DataSource, type QueryRunner } from 'typeorm';
import { dataSourceOptions } from '#database';
import { describeGatewayDatabases } from '../../../test/support/gateway-database.js';
import { CheckpointSealer } from './checkpoint.sealer.js';
import { exportLedger } from './export/ledger.export.js';
import type { ExchangeEntry, GovernanceEntry } from './ledger-entry.js';
import { canonicalJson, recordHash, sealCanonical } from './ledger-hash.js';
import { indexCommitment, INDEX_KEY } from './store/index-commitment.js';
import { LEDGER_FEATURE } from './ledger.feature.js';
import { LedgerWriter } from './ledger.writer.js';
import { createLedgerAppender } from './store/create-ledger-appender.js';
import { decodeContent, encodeContent, encodeContentBytes } from './store/content-codec.js';
import { FIELD_COLUMNS, fieldRows, fieldValues, indexColumns, RECORD_COLUMNS, recordValues, sealEntries, SUBJECT_COLUMNS, subjectRows, subjectValues } from './store/ledger-columns.js';
import { LedgerReader } from './store/ledger.reader.js';
import { verifyLedger } from './verify/ledger.verifier.js';

const RANKS = new Map([
  ['PUBLIC', 0],
  ['INTERNAL', 1],
  ['SENSITIVE', 2],
  ['CORE', 3],
]);
const CHAIN = 'gw-test-chain';

function exchange(id: number): ExchangeEntry {
  return {
    kind: 'exchange',
    exchangeId: `exchange-${id}`,
    startedAt: new Date(Date.UTC(2026, 10, 1, 8, 0, id)).toISOString(),
    endedAt: new Date(Date.UTC(2026, 10, 1, 8, 0, id, 20)).toISOString(),
    caller: { system: 'civil-affairs.subsidy-review', department: 'civil-affairs', issuer: 'civil-affairs.subsidy-review', tokenId: `t-${id}`, verified: true },
    purpose: 'subsidy-eligibility',
    operation: { name: 'Applicant', hash: 'a'.repeat(64), variablesHash: 'b'.repeat(64) },
    decision: id % 2 ? 'ALLOWED' : 'PARTIAL',
    enforcement: 'filter',
    policyVersion: 3,
    fields: [
      { path: 'person.name', coordinate: 'Person.name', owner: 'public-security', level: 'SENSITIVE', outcome: 'masked', mask: 'NAME', reason: null, rules: ['grant:g'] },
      {
        path: 'person.phone',
        coordinate: 'Person.phone',
        owner: 'public-security',
        level: 'SENSITIVE',
        outcome: id % 2 ? 'served' : 'denied',
        mask: null,
        reason: id % 2 ? null : 'NO_GRANT',
        rules: ['rule:x'],
      },
    ],
    bureaus: [{ bureau: 'public-security', ok: true, durationMs: 3.5, failure: null }],
    errorCodes: id % 2 ? [] : ['FORBIDDEN_FIELD'],
    grade: { maxLevel: 'SENSITIVE', maxLevelRank: 2, piiServed: { PHONE: 1 } },
    traceId: null,
    clientAddress: '127.0.0.1',
    responseBytes: 120,
  };
}

/** The ledger's appender (chosen for the database, as the gateway chooses it) and reader on one connection. */
function sealer(appender: ReturnType<typeof ledgerOn>['appender'], key: CryptoKey) {
  return new CheckpointSealer(appender, CHAIN, { issuer: 'causeway-gateway', signer: async () => ({ kid: 'k1', key }), sharedChains: ['governance'] });
}

function ledgerOn(dataSource: DataSource) {
  return { appender: createLedgerAppender(dataSource, RANKS), reader: new LedgerReader(dataSource) };
}

describeGatewayDatabases('the ledger tables', [LEDGER_FEATURE], (dataSource) => {
  /** Changes a record's content the way an insider who knows its stored form would. */
  const rewriteContent = async (runner: QueryRunner, chain: string, seq: number, change: (content: string) => string) => {
    const [select, update] =
      runner.connection.options.type === 'postgres'
        ? ['chain = $1 AND seq = $2', 'SET content = $1 WHERE chain = $2 AND seq = $3']
        : ['chain = ? AND seq = ?', 'SET content = ? WHERE chain = ? AND seq = ?'];
    const [row] = (await runner.query(`SELECT content FROM ${table('ledger_record')} WHERE ${select}`, [chain, seq])) as Array<{ content: string | Buffer }>;
    const changed = change(decodeContent(row!.content));
    await runner.query(`UPDATE ${table('ledger_record')} ${update}`, [encodeContentBytes(changed), chain, seq]);
  };
  /** A table name as raw SQL must write it (PostgreSQL tests run in a schema of their own). */
  const table = (name: string) => {
    const schema = (dataSource().options as { schema?: string }).schema;
    return schema ? `"${schema}".${name}` : name;
  };
  const keys = generateKeyPair('EdDSA', { extractable: true });

  it('appends groups after the head, sealing each record over the one before', async () => {
    const { appender, reader } = ledgerOn(dataSource());
    expect(await reader.head(CHAIN)).toEqual({ seq: 0, hash: '0'.repeat(64) });
    const first = await appender.append(
      CHAIN,
      await reader.head(CHAIN),
      [1, 2, 3].map((id) => ({ entry: exchange(id), operation: { hash: 'a'.repeat(64), document: '{ person { name phone } }' } })),
    );
    const second = await appender.append(
      CHAIN,
      first[2]!,
      [4, 5].map((id) => ({ entry: exchange(id), operation: { hash: 'a'.repeat(64), document: '{ person { name phone } }' } })),
    );
    expect([...first, ...second].map((position) => position.seq)).toEqual([1, 2, 3, 4, 5]);
    // Sealed over the entry and, first in its canonical JSON, the commitment to the index rows stored for it.
    const sealed = (await reader.recordOf(exchange(2).exchangeId))!;
    expect(first[1]!.hash).toBe(sealCanonical(first[0]!.hash, CHAIN, 2, sealed.content));
    const { [INDEX_KEY]: commitment, ...entry } = JSON.parse(sealed.content) as Record<string, unknown>;
    expect(sealed.content.startsWith(`{"${INDEX_KEY}":`)).toBe(true);
    expect(canonicalJson(entry)).toBe(canonicalJson(exchange(2)));
    expect(commitment).toBe(indexCommitment(indexColumns(exchange(2)), fieldRows(CHAIN, 2, exchange(2), RANKS), subjectRows(CHAIN, 2, exchange(2))));
    expect(await reader.head(CHAIN)).toEqual({ seq: 5, hash: second[1]!.hash });
    expect(await reader.operation('a'.repeat(64))).toBe('{ person { name phone } }');
    // One field row per owner, its fields listed in the order the operation selected them.
    expect((await reader.fieldsOf(CHAIN, 2)).map(({ owner, grade, fields }) => ({ owner, grade, fields }))).toEqual([
      { owner: 'public-security', grade: 2, fields: 'Person.name 2 masked,Person.phone 2 denied' },
    ]);
  });

  it('commits nothing of a group when any of it fails', async () => {
    const { appender, reader } = ledgerOn(dataSource());
    const head = await reader.head(CHAIN);
    // exchange-1 is already recorded: the unique exchange id refuses the whole group.
    // (Matched by its code: SQLite's error comes from the native driver, not always an Error of the test's realm.)
    await expect(
      appender.append(CHAIN, head, [
        { entry: exchange(6), operation: null },
        { entry: exchange(1), operation: null },
      ]),
    ).rejects.toMatchObject({
      code: expect.stringMatching(/^(SQLITE_CONSTRAINT|23505)/),
    });
    expect(await reader.head(CHAIN)).toEqual(head);
  });

  it('records a governance change with the transaction that made it, or not at all', async () => {
    const { appender, reader } = ledgerOn(dataSource());
    const change = (id: string): GovernanceEntry => ({
      kind: 'policy-change',
      exchangeId: id,
      at: new Date().toISOString(),
      actor: 'officer-1',
      action: 'put',
      subject: 'grant-x',
      before: null,
      after: { id: 'grant-x' },
      policyVersion: 2,
    });
    await appender.dataSource.transaction((manager) => appender.appendWithin(manager, 'governance', change('change-1')));
    await expect(
      appender.dataSource.transaction(async (manager) => {
        await appender.appendWithin(manager, 'governance', change('change-2'));
        throw new Error('the change itself failed');
      }),
    ).rejects.toThrow('the change itself failed');
    expect(await reader.head('governance')).toMatchObject({ seq: 1 });
  });

  it('verifies chains and signed checkpoints, and exports records that re-hash to their seals', async () => {
    const { appender, reader } = ledgerOn(dataSource());
    const { privateKey, publicKey } = await keys;
    const head = await reader.head(CHAIN);
    // The first checkpoint states every chain there is: this replica's, and the shared governance chain.
    expect(await sealer(appender, privateKey).seal(true)).toBe(1);
    expect(await reader.checkpointedHeads()).toEqual(
      new Map([
        [CHAIN, head],
        ['governance', await reader.head('governance')],
      ]),
    );
    const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'EdDSA' }] };
    expect(await verifyLedger(reader, jwks, RANKS)).toEqual({ ok: true, verified: 6, chains: 2, checkpoints: 1, broken: null });
    expect((await verifyLedger(reader, { keys: [] }, RANKS)).broken).toMatchObject({ chain: '(checkpoints)', seq: 1, reason: 'CHECKPOINT_SIGNATURE' });
    // Nothing moved: no second checkpoint.
    expect(await sealer(appender, privateKey).seal(true)).toBeNull();

    const lines = (await text(exportLedger(reader, { from: '2026-11-01T08:00:02Z' }, 'ndjson')))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const records = lines.filter((line) => line.type === 'record' && line.chain === CHAIN);
    expect(records.map((line) => line.seq)).toEqual([2, 3, 4, 5]);
    for (const line of records) expect(recordHash(line.previousHash, line.chain, line.seq, line.entry)).toBe(line.hash);
    expect(lines[0]).toEqual({ type: 'export', whole: false, from: '2026-11-01T08:00:02Z', to: null });
    expect(lines.filter((line) => line.type === 'checkpoint')).toEqual([expect.objectContaining({ number: 1, jws: expect.any(String) })]);

    const csv = (await text(exportLedger(reader, { to: '2026-11-01T08:00:03Z' }, 'csv'))).trim().split('\n');
    expect(csv[0]).toMatch(/^chain,seq,exchange_id,kind,started_at/);
    expect(csv.slice(1).map((row) => row.split(',').slice(1, 3))).toEqual([
      ['1', 'exchange-1'],
      ['2', 'exchange-2'],
    ]);
  });

  it('refuses only the entry the database cannot store, not its whole group', async () => {
    const { appender, reader } = ledgerOn(dataSource());
    const writer = new LedgerWriter(appender, 'gw-isolation');
    // exchange-1 is recorded already: its duplicate breaks the unique exchange id, the others are fine.
    const results = await Promise.allSettled([7, 1, 8, 9].map((id) => writer.append(exchange(id))));
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(writer.unavailable).toBeNull();
    expect(await reader.head('gw-isolation')).toMatchObject({ seq: 3 });
    // A refused caller's oversized claims are cut to fit, never a reason to fail.
    const long = exchange(10);
    long.purpose = 'p'.repeat(500);
    long.caller.system = `s\u0000${'x'.repeat(500)}`;
    await expect(writer.append(long)).resolves.toMatchObject({ seq: 4 });
  });

  it('exports what an unauthenticated caller sent as text a spreadsheet will not run, marked unverified', async () => {
    const { appender, reader } = ledgerOn(dataSource());
    const writer = new LedgerWriter(appender, 'gw-csv');
    const forged = exchange(30);
    forged.caller = { system: '=HYPERLINK("http://evil","x")', department: null, issuer: '@sum', tokenId: null, verified: false };
    forged.purpose = '+cmd|/c calc';
    await writer.append(forged);
    const rows = (await text(exportLedger(reader, {}, 'csv'))).trim().split('\n');
    const header = rows[0]!.split(',');
    const row = rows.find((line) => line.includes('exchange-30'))!;
    expect(row).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(row).toContain(",'+cmd|/c calc,");
    expect(header.at(-1)).toBe('caller_verified');
    expect(row.endsWith(',false')).toBe(true);
  });

  it('refuses to change or remove what it holds', async () => {
    const { appender, reader } = ledgerOn(dataSource());
    for (const statement of [
      `UPDATE ${table('ledger_record')} SET decision = 'ALLOWED'`,
      `DELETE FROM ${table('ledger_record')}`,
      `UPDATE ${table('ledger_field')} SET fields = 'Person.phone 2 served'`,
      `DELETE FROM ${table('ledger_operation')}`,
      `DELETE FROM ${table('ledger_checkpoint')}`,
    ]) {
      await expect(appender.dataSource.query(statement)).rejects.toThrow(/append-only/);
    }
    if (appender.dataSource.options.type === 'postgres') await expect(appender.dataSource.query(`TRUNCATE ${table('ledger_record')}`)).rejects.toThrow(/append-only/);
    expect(await reader.head(CHAIN)).toMatchObject({ seq: 5 });
  });

  it('keeps one unbroken sequence of checkpoints while two replicas record and seal at once', async () => {
    const { appender, reader } = ledgerOn(dataSource());
    const key = (await keys).privateKey;
    const replicas = ['gw-replica-a', 'gw-replica-b'].map((chain) => ({
      writer: new LedgerWriter(appender, chain),
      sealer: new CheckpointSealer(appender, chain, { issuer: 'causeway-gateway', signer: async () => ({ kid: 'k1', key }), sharedChains: ['governance'] }),
    }));
    const outcomes: Array<PromiseSettledResult<number | null>> = [];
    for (let round = 0; round < 6; round++) {
      await Promise.all(replicas.map(({ writer }, i) => writer.append(exchange(40 + round * 2 + i))));
      // Both take the same next number: one of them loses on the key (null, not a failure) and seals later.
      outcomes.push(...(await Promise.allSettled(replicas.map(({ sealer }) => sealer.seal(true)))));
    }
    await replicas[0]!.sealer.seal(true);
    expect(outcomes.every((outcome) => outcome.status === 'fulfilled')).toBe(true);
    const jwks = { keys: [{ ...(await exportJWK((await keys).publicKey)), kid: 'k1', alg: 'EdDSA' }] };
    const report = await verifyLedger(reader, jwks, RANKS);
    expect(report).toMatchObject({ ok: true, broken: null });
    const stated = await reader.checkpointedHeads();
    for (const chain of ['gw-replica-a', 'gw-replica-b']) expect(stated.get(chain)).toEqual(await reader.head(chain));
  });

  it('stores a record’s content as bytes, and reads a chain stored in both forms', async () => {
    const { appender, reader } = ledgerOn(dataSource());
    const postgres = appender.dataSource.options.type === 'postgres';
    const entries = [1, 2].map((id) => ({ ...exchange(id), exchangeId: `forms-${id}` }));
    const [position] = await appender.append('gw-forms', await reader.head('gw-forms'), [{ entry: entries[0]!, operation: null }]);
    const parameters = (count: number) => Array.from({ length: count }, (_, i) => (postgres ? `$${i + 1}` : '?')).join(', ');
    const [row] = (await appender.dataSource.query(`SELECT content FROM ${table('ledger_record')} WHERE chain = ${postgres ? '$1' : '?'} AND seq = ${postgres ? '$2' : '?'}`, [
      'gw-forms',
      1,
    ])) as Array<{ content: string | Buffer }>;
    // The deflated bytes after version byte 1, no base64 (a BLOB on SQLite, bytea on PostgreSQL).
    expect(Buffer.isBuffer(row!.content) && row!.content[0]).toBe(1);
    // A record stored as text by an earlier version, after one stored as bytes, in one chain (on PostgreSQL, text put
    // into the column of bytes, as its migration leaves a text form it cannot convert).
    // (The tests below verify the whole ledger, this chain first: it verifies in both forms.)
    const { records, fields, subjects } = sealEntries('gw-forms', position!, [{ entry: entries[1]!, operation: null }], RANKS);
    const insert = (name: string, columns: readonly string[], values: unknown[]) =>
      appender.dataSource.query(`INSERT INTO ${table(name)} (${columns.join(', ')}) VALUES (${parameters(values.length)})`, values);
    await insert('ledger_record', RECORD_COLUMNS, recordValues(records[0]!, encodeContent));
    for (const field of fields) await insert('ledger_field', FIELD_COLUMNS, fieldValues(field));
    for (const subject of subjects) await insert('ledger_subject', SUBJECT_COLUMNS, subjectValues(subject));
    const read: string[] = [];
    for await (const record of reader.records({}, 1000, 'gw-forms')) read.push(record.content);
    // Each as the writer sealed it.
    const first = sealEntries('gw-forms', { seq: 0, hash: '0'.repeat(64) }, [{ entry: entries[0]!, operation: null }], RANKS).records[0]!;
    expect(read).toEqual([first.content, records[0]!.content]);
  });

  it('finds a record changed behind the triggers’ back at exactly that record', async () => {
    const { appender, reader } = ledgerOn(dataSource());
    // Every chain written so far announced and sealed, as a gateway would have.
    await sealer(appender, (await keys).privateKey).seal(true);
    const runner = appender.dataSource.createQueryRunner();
    try {
      if (appender.dataSource.options.type === 'postgres') {
        // As a superuser could: replica mode fires no triggers.
        await runner.query('SET session_replication_role = replica');
      } else {
        for (const { name } of (await runner.query("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'ledger_record'")) as Array<{ name: string }>) {
          await runner.query(`DROP TRIGGER ${name}`);
        }
      }
      await rewriteContent(runner, CHAIN, 4, (content) => content.replace('PARTIAL', 'ALLOWED'));
    } finally {
      await runner.release();
    }
    const jwks = { keys: [{ ...(await exportJWK((await keys).publicKey)), kid: 'k1', alg: 'EdDSA' }] };
    const report = await verifyLedger(reader, jwks, RANKS);
    expect(report.broken).toMatchObject({ chain: CHAIN, seq: 4, reason: 'HASH_MISMATCH' });
  });

  it('finds stored text that differs from what was sealed though it parses to the same', async () => {
    const { appender, reader } = ledgerOn(dataSource());
    const runner = appender.dataSource.createQueryRunner();
    try {
      if (appender.dataSource.options.type === 'postgres') await runner.query('SET session_replication_role = replica');
      // A duplicate key in front: JSON.parse keeps the last one, a reader of the text sees the first.
      await rewriteContent(runner, 'gw-isolation', 2, (content) => `{"decision":"DENIED",${content.slice(1)}`);
    } finally {
      await runner.release();
    }
    const jwks = { keys: [{ ...(await exportJWK((await keys).publicKey)), kid: 'k1', alg: 'EdDSA' }] };
    const report = await verifyLedger(reader, jwks, RANKS);
    expect(report.broken).toMatchObject({ chain: 'gw-isolation', seq: 2, reason: 'CONTENT_NOT_CANONICAL' });
  });
});

// SQLite only: PostgreSQL commits in its own server processes anyway.
describe('the ledger on SQLite, the commit thread', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'causeway-ledger-thread-')), 'gateway.sqlite');
  let dataSource: DataSource | undefined;
  beforeAll(async () => {
    dataSource = await new DataSource(dataSourceOptions({ type: 'sqlite', file }, [LEDGER_FEATURE])).initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('keeps the event loop free while an SQLite commit waits for another writer’s lock', async () => {
    const { appender, reader } = ledgerOn(dataSource!);
    const other = new Database(file);
    try {
      other.exec('BEGIN IMMEDIATE'); // another process holds the write lock
      let ticks = 0;
      const ticker = setInterval(() => ticks++, 5);
      const appended = appender.append('gw-lock-wait', await reader.head('gw-lock-wait'), [{ entry: exchange(20), operation: null }]);
      await new Promise((resolve) => setTimeout(resolve, 120));
      other.exec('ROLLBACK');
      const [position] = await appended;
      clearInterval(ticker);
      // A commit on the gateway's own thread would have frozen every timer until the lock was released.
      expect(ticks).toBeGreaterThanOrEqual(10);
      expect(position).toMatchObject({ chain: 'gw-lock-wait', seq: 1 });
    } finally {
      other.close();
      await appender.close();
    }
  });
});
