import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '#database';
import { exchangeEntry, fieldOutcome } from '../../../../test/support/exchange-entry.js';
import { ChainVerifier } from '../chain-verifier.js';
import type { LedgerEntry } from '../ledger-entry.js';
import { canonicalJson, GENESIS_HASH, recordHash, sealCanonical } from '../ledger-hash.js';
import { LEDGER_FEATURE } from '../ledger.feature.js';
import { createLedgerAppender } from '../store/create-ledger-appender.js';
import { FIELD_COLUMNS, fieldRows, fieldValues, indexColumns, RECORD_COLUMNS, recordValues, SUBJECT_COLUMNS, subjectRows, subjectValues } from '../store/ledger-columns.js';
import { LedgerReader } from '../store/ledger.reader.js';
import { verifyChain } from './chain.check.js';
import { appendForged, type Forgery } from './forged-record.testing.js';

const RANKS = new Map([
  ['PUBLIC', 0],
  ['INTERNAL', 1],
  ['SENSITIVE', 2],
  ['CORE', 3],
]);
/** The same levels ranked otherwise, as a catalog changed since the records were written would rank them. */
const RERANKED = new Map([
  ['PUBLIC', 0],
  ['INTERNAL', 1],
  ['SENSITIVE', 3],
  ['CORE', 4],
]);

const entry = (i: number) =>
  exchangeEntry(`commit-${i}`, new Date(Date.UTC(2026, 10, 1, 8, 0, i)).toISOString(), {
    fields: [fieldOutcome('Person.name', 'public-security', 'SENSITIVE'), fieldOutcome('Person.maritalStatus', 'civil-affairs', 'INTERNAL')],
    subjects: [
      { token: `subject-${i}`, owners: ['public-security'] },
      { token: 'subject-shared', owners: ['civil-affairs'] },
    ],
  });

describe('verifying the index rows a record sealed', () => {
  let dataSource: DataSource;
  let reader: LedgerReader;

  /** Chain gw-c: five records written with their index commitments. */
  beforeEach(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'causeway-commitment-')), 'gateway.sqlite');
    dataSource = await new DataSource(dataSourceOptions({ type: 'sqlite', file }, [LEDGER_FEATURE])).initialize();
    const appender = createLedgerAppender(dataSource, RANKS);
    reader = new LedgerReader(dataSource);
    for (let i = 1; i <= 5; i++) await appender.append('gw-c', await reader.head('gw-c'), [{ entry: entry(i), operation: null }]);
    await appender.close();
  });

  afterEach(async () => {
    await dataSource.destroy();
  });

  /** SQL run behind the append-only triggers' back, as an insider with the database file could. */
  async function tamper(...statements: string[]): Promise<void> {
    for (const { name } of (await dataSource.query("SELECT name FROM sqlite_master WHERE type = 'trigger'")) as Array<{ name: string }>) {
      await dataSource.query(`DROP TRIGGER ${name}`);
    }
    for (const statement of statements) await dataSource.query(statement);
  }

  async function verify(chain: string, ranks: ReadonlyMap<string, number> = RANKS, deep = false) {
    const verifier = new ChainVerifier();
    const ok = await verifyChain(reader, chain, verifier, ranks, new Map(), undefined, { deep });
    return { ok, ...verifier.result };
  }

  it('proves the rows as they were written, whatever the catalog ranks today', async () => {
    expect(await verify('gw-c')).toMatchObject({ ok: true, verified: 5, broken: null });
    // Re-deriving the field rows with today's ranks would grade them otherwise; the sealed commitment still holds.
    expect(await verify('gw-c', RERANKED)).toMatchObject({ ok: true, verified: 5, broken: null });
  });

  it('says which rows differ when an insider removed one, and refuses rows rewritten to agree with another catalog', async () => {
    await tamper("DELETE FROM ledger_subject WHERE chain = 'gw-c' AND seq = 3 AND token = 'subject-shared'");
    expect((await verify('gw-c')).broken).toEqual({ chain: 'gw-c', seq: 3, reason: 'INDEX_MISMATCH', detail: 'data-subject rows differ from the sealed content' });
    // Field rows graded as the reranked catalog derives them: derivation with those ranks agrees, the commitment does not.
    await tamper("UPDATE ledger_field SET grade = 3, fields = 'Person.name 3 served' WHERE chain = 'gw-c' AND seq = 2 AND owner = 'public-security'");
    expect(fieldRows('gw-c', 2, entry(2), RERANKED).find((row) => row.owner === 'public-security')).toMatchObject({ grade: 3, fields: 'Person.name 3 served' });
    expect((await verify('gw-c', RERANKED)).broken).toEqual({
      chain: 'gw-c',
      seq: 2,
      reason: 'INDEX_MISMATCH',
      detail: 'searchable columns or rows differ from those the record sealed',
    });
  });

  it('refuses rows moved onto a record that does not exist, where a pruned chain resumes', async () => {
    const [second] = (await dataSource.query("SELECT hash FROM ledger_record WHERE chain = 'gw-c' AND seq = 2")) as Array<{ hash: string }>;
    const pruned = { seq: 2, hash: second!.hash };
    // Records 1 and 2 pruned with their rows: the rest verifies from the tombstone's hash.
    await tamper(...['ledger_record', 'ledger_field', 'ledger_subject'].map((table) => `DELETE FROM ${table} WHERE chain = 'gw-c' AND seq <= 2`));
    const verifyPruned = async () => {
      const verifier = new ChainVerifier();
      return { ok: await verifyChain(reader, 'gw-c', verifier, RANKS, new Map(), pruned), ...verifier.result };
    };
    expect(await verifyPruned()).toMatchObject({ ok: true, verified: 3, broken: null });
    // One of record 3's subject rows numbered into the pruned stretch: it no longer finds record 3, yet its digest has no seq.
    await tamper("UPDATE ledger_subject SET seq = 2 WHERE chain = 'gw-c' AND seq = 3 AND token = 'subject-shared'");
    expect((await verifyPruned()).broken).toEqual({ chain: 'gw-c', seq: 2, reason: 'INDEX_MISMATCH', detail: 'data-subject rows of a record that does not exist' });
  });

  it('reports sealed content that is no ledger entry as unreadable, not as a crash', async () => {
    const insert = (content: string) =>
      dataSource.query(
        `INSERT INTO ledger_record (${RECORD_COLUMNS.join(', ')}) VALUES (${RECORD_COLUMNS.map(() => '?').join(', ')})`,
        recordValues({ chain: 'gw-odd', seq: 1, previousHash: GENESIS_HASH, hash: sealCanonical(GENESIS_HASH, 'gw-odd', 1, content), content, ...indexColumns(entry(99)) }),
      );
    await insert('not json');
    expect(await verify('gw-odd')).toMatchObject({ ok: false, verified: 0, broken: { chain: 'gw-odd', seq: 1, reason: 'CONTENT_UNREADABLE', detail: 'content is not a ledger entry' } });
    await tamper("DELETE FROM ledger_record WHERE chain = 'gw-odd'");
    await insert('{"kind":"exchange"}');
    expect((await verify('gw-odd')).broken).toEqual({ chain: 'gw-odd', seq: 1, reason: 'CONTENT_UNREADABLE', detail: 'content is not a ledger entry' });
  });

  it('verifies a caller name cut through a surrogate pair at its column width, as the database stores it', async () => {
    const long = exchangeEntry('cut-1', '2026-11-01T09:00:00.000Z', { caller: { ...entry(1).caller, system: `${'s'.repeat(127)}\u{1F600}` } });
    const appender = createLedgerAppender(dataSource, RANKS);
    await appender.append('gw-cut', await reader.head('gw-cut'), [{ entry: long, operation: null }]);
    await appender.close();
    const [stored] = (await dataSource.query("SELECT system FROM ledger_record WHERE chain = 'gw-cut'")) as Array<{ system: string }>;
    expect(stored!.system).toBe(`${'s'.repeat(127)}\uFFFD`);
    expect(await verify('gw-cut')).toMatchObject({ ok: true, verified: 1, broken: null });
  });

  it('verifies a record sealed before commitments by deriving its rows, and finds a row changed there', async () => {
    // Chain gw-old: two records as an earlier version sealed them (the entry alone), with their rows.
    const rows = [1, 2].map((seq) => ({ seq, entry: entry(10 + seq) }));
    let previousHash = '0'.repeat(64);
    const insert = (table: string, columns: readonly string[], values: unknown[]) =>
      dataSource.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${values.map(() => '?').join(', ')})`, values);
    for (const { seq, entry: old } of rows) {
      const content = canonicalJson(old);
      const hash = recordHash(previousHash, 'gw-old', seq, old);
      await insert('ledger_record', RECORD_COLUMNS, recordValues({ chain: 'gw-old', seq, previousHash, hash, content, ...indexColumns(old) }));
      for (const field of fieldRows('gw-old', seq, old, RANKS)) await insert('ledger_field', FIELD_COLUMNS, fieldValues(field));
      for (const subject of subjectRows('gw-old', seq, old)) await insert('ledger_subject', SUBJECT_COLUMNS, subjectValues(subject));
      previousHash = hash;
    }
    expect(await verify('gw-old')).toMatchObject({ ok: true, verified: 2, broken: null });
    await tamper("UPDATE ledger_record SET system = 'someone-else' WHERE chain = 'gw-old' AND seq = 2");
    expect((await verify('gw-old')).broken).toEqual({ chain: 'gw-old', seq: 2, reason: 'INDEX_MISMATCH', detail: 'searchable columns differ from the sealed content: system' });
  });

  it('finds, deep, what the commitment alone passes: rows sealed against their content, text that is no entry, not canonical or no UTF-8', async () => {
    expect(await verify('gw-c', RANKS, true)).toMatchObject({ ok: true, verified: 5, broken: null });
    const cases: Array<[Forgery['kind'], { reason: string; detail: string }]> = [
      ['subjects-hidden', { reason: 'INDEX_MISMATCH', detail: 'data-subject rows differ from the sealed content' }],
      ['not-json', { reason: 'CONTENT_UNREADABLE', detail: 'content is not a ledger entry' }],
      ['not-canonical', { reason: 'CONTENT_NOT_CANONICAL', detail: 'the sealed text is not the canonical JSON of its entry' }],
      ['not-utf8', { reason: 'CONTENT_NOT_CANONICAL', detail: 'the sealed text is not the canonical JSON of its entry' }],
    ];
    for (const [index, [kind, found]] of cases.entries()) {
      const chain = `gw-forged-${index}`;
      await honestChain(chain, entry(30 + index));
      await appendForged(dataSource, chain, await reader.head(chain), { kind, entry: entry(20 + index) }, RANKS);
      // The hash chain holds and the stored rows are those the record committed to: the documented limit (docs/ledger.md).
      expect(await verify(chain)).toMatchObject({ ok: true, verified: 2, broken: null });
      expect(await verify(chain, RANKS, true)).toEqual({ ok: false, verified: 1, chains: 1, broken: { chain, seq: 2, ...found } });
    }
  });

  /** A chain of one record written by the gateway's appender. */
  async function honestChain(chain: string, first: LedgerEntry): Promise<void> {
    const writer = createLedgerAppender(dataSource, RANKS);
    await writer.append(chain, await reader.head(chain), [{ entry: first, operation: null }]);
    await writer.close();
  }
});
