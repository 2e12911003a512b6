import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair } from 'jose';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '#database';
import { exchangeEntry } from '../../../../test/support/exchange-entry.js';
import { CheckpointSealer } from '../checkpoint.sealer.js';
import { LEDGER_FEATURE } from '../ledger.feature.js';
import { createLedgerAppender } from '../store/create-ledger-appender.js';
import { LedgerReader } from '../store/ledger.reader.js';
import { verifyArchive } from '../verify/archive.verifier.js';
import { appendForged, type Forgery } from '../verify/forged-record.testing.js';
import { exportLedger } from './ledger.export.js';

const RANKS = new Map([
  ['PUBLIC', 0],
  ['INTERNAL', 1],
]);

describe('an export of records no gateway wrote', () => {
  let dataSource: DataSource;
  let reader: LedgerReader;
  let jwks: { keys: object[] };
  let dir: string;

  /** Chain gw-x, announced and sealed after its three records. */
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'causeway-export-'));
    dataSource = await new DataSource(dataSourceOptions({ type: 'sqlite', file: join(dir, 'gateway.sqlite') }, [LEDGER_FEATURE])).initialize();
    reader = new LedgerReader(dataSource);
    const appender = createLedgerAppender(dataSource, RANKS);
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
    jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'EdDSA' }] };
    const sealer = new CheckpointSealer(appender, 'gw-x', { issuer: 'causeway-gateway', signer: async () => ({ kid: 'k1', key: privateKey }) });
    await sealer.announce();
    for (let i = 1; i <= 3; i++) await appender.append('gw-x', await reader.head('gw-x'), [{ entry: entry(i), operation: null }]);
    await sealer.seal(true);
    await appender.close();
  });

  afterEach(async () => {
    await dataSource.destroy();
  });

  const entry = (i: number) => exchangeEntry(`export-${i}`, new Date(Date.UTC(2026, 10, 1, 8, 0, i)).toISOString());

  /** The whole ledger exported to a file: its lines, parsed, and what verifying the file reports. */
  async function exported() {
    const ndjson = await text(exportLedger(reader, {}, 'ndjson'));
    const file = join(dir, 'export.ndjson');
    writeFileSync(file, ndjson);
    return {
      lines: ndjson
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
      report: await verifyArchive(file, jwks),
    };
  }

  it('carries each sealed entry as the JSON it is, and the export verifies on its own', async () => {
    const { lines, report } = await exported();
    expect(lines.map((line) => line.type)).toEqual(['export', 'record', 'record', 'record', 'checkpoint', 'checkpoint']);
    expect(lines[1]).toMatchObject({ chain: 'gw-x', seq: 1, entry: { exchangeId: 'export-1' } });
    expect(report).toMatchObject({ ok: true, verified: 3, broken: null });
  });

  it.each<[Forgery['kind'], object]>([
    // Spliced in, text that is no JSON would make the line unreadable, or add members to it (a second "hash").
    ['not-json', { ok: false, verified: 3, broken: { chain: 'gw-x', seq: 4, reason: 'CONTENT_UNREADABLE', detail: 'content is not JSON' } }],
    // JSON with a line break between its tokens would split the record over two lines.
    ['not-canonical', { ok: false, verified: 3, broken: { chain: 'gw-x', seq: 4, reason: 'CONTENT_NOT_CANONICAL', detail: 'the sealed text is not the canonical JSON of its entry' } }],
  ])('carries sealed text that is %s as a string on its own line, which verification re-hashes as stored and refuses', async (kind, verdict) => {
    await appendForged(dataSource, 'gw-x', await reader.head('gw-x'), { kind, entry: entry(4) }, RANKS);
    const { lines, report } = await exported();
    expect(lines.map((line) => line.type)).toEqual(['export', 'record', 'record', 'record', 'record', 'checkpoint', 'checkpoint']);
    const [stored] = (await dataSource.query("SELECT hash FROM ledger_record WHERE chain = 'gw-x' AND seq = 4")) as Array<{ hash: string }>;
    expect(lines[4]).toEqual({ type: 'record', chain: 'gw-x', seq: 4, previousHash: lines[3]!.hash, hash: stored!.hash, unreadable: expect.any(String) });
    expect(report).toMatchObject(verdict);
  });

  it('goes on past such a record in a CSV export, its columns shown and its content said to be unreadable', async () => {
    await appendForged(dataSource, 'gw-x', await reader.head('gw-x'), { kind: 'not-json', entry: entry(4) }, RANKS);
    const [header, ...rows] = (await text(exportLedger(reader, {}, 'csv'))).trim().split('\n');
    const column = (row: string, name: string) => row.split(',')[header!.split(',').indexOf(name)];
    expect(rows.map((row) => [column(row, 'seq'), column(row, 'exchange_id'), column(row, 'error_codes')])).toEqual([
      ['1', 'export-1', ''],
      ['2', 'export-2', ''],
      ['3', 'export-3', ''],
      ['4', 'export-4', 'CONTENT_UNREADABLE'],
    ]);
  });
});
