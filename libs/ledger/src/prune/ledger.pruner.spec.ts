import { expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair } from 'jose';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { describeGatewayDatabases } from '../../../../test/support/gateway-database.js';
import { CheckpointSealer } from '../checkpoint.sealer.js';
import type { ExchangeEntry } from '../ledger-entry.js';
import { LedgerSubjectEntity } from '../entities/ledger-subject.entity.js';
import { LEDGER_FEATURE } from '../ledger.feature.js';
import { createLedgerAppender } from '../store/create-ledger-appender.js';
import { LedgerReader } from '../store/ledger.reader.js';
import { verifyArchive } from '../verify/archive.verifier.js';
import { verifyLedger } from '../verify/ledger.verifier.js';
import { checkPrunedArchives } from '../verify/pruned-archives.check.js';
import { planPrune, pruneLedger, writePruneArchive } from './ledger.pruner.js';

const RANKS = new Map([['PUBLIC', 0]]);
const CHAIN = 'gw-prune-test';

function exchange(id: number, day: number): ExchangeEntry {
  return {
    kind: 'exchange',
    exchangeId: `prune-${id}`,
    startedAt: new Date(Date.UTC(2026, 0, day, 8)).toISOString(),
    endedAt: new Date(Date.UTC(2026, 0, day, 8, 0, 1)).toISOString(),
    caller: { system: 's', department: 'd', issuer: null, tokenId: null, verified: true },
    purpose: 'p',
    operation: { name: null, hash: null, variablesHash: null },
    decision: 'ALLOWED',
    enforcement: 'filter',
    policyVersion: 1,
    fields: [{ path: 'a', coordinate: 'Query.a', owner: 'o', level: 'PUBLIC', outcome: 'served', mask: null, reason: null, rules: [] }],
    bureaus: [],
    errorCodes: [],
    grade: { maxLevel: 'PUBLIC', maxLevelRank: 0, piiServed: {} },
    traceId: null,
    clientAddress: null,
    responseBytes: 1,
    subjects: [{ token: `k.${id}`, owners: ['o'] }],
  };
}

describeGatewayDatabases('pruning', [LEDGER_FEATURE], (dataSource) => {
  it('removes only the sealed records before the cut, behind a tombstone; the rest and the archive verify end to end', async () => {
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
    const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'EdDSA' }] };
    const signer = async () => ({ kid: 'k1', key: privateKey });
    const appender = createLedgerAppender(dataSource(), RANKS);
    const reader = new LedgerReader(dataSource());
    const sealer = new CheckpointSealer(appender, CHAIN, { issuer: 'causeway-gateway', signer });
    await sealer.announce();
    // Days 1 to 6 of January; the last record is not sealed yet.
    const positions = await appender.append(
      CHAIN,
      await reader.head(CHAIN),
      [1, 2, 3, 4, 5].map((id) => ({ entry: exchange(id, id), operation: null })),
    );
    await sealer.seal(true);
    await appender.append(CHAIN, positions[4]!, [{ entry: exchange(6, 6), operation: null }]);

    const cuts = await planPrune(reader, '2026-01-04T00:00:00Z');
    expect(cuts).toEqual([{ chain: CHAIN, from: 1, seq: 3, hash: positions[2]!.hash }]);
    const file = join(mkdtempSync(join(tmpdir(), 'causeway-prune-')), 'archive.ndjson');
    const digest = await writePruneArchive(reader, cuts, file);
    expect((await verifyArchive(file, jwks)).ends[CHAIN]).toEqual({ seq: 3, hash: positions[2]!.hash });
    await pruneLedger(dataSource(), cuts, digest, { issuer: 'causeway-gateway', signer });

    expect((await reader.head(CHAIN)).seq).toBe(6);
    const left = await reader.raw<{ seq: number }>(reader.manager.createQueryBuilder().select('s.seq', 'seq').from(LedgerSubjectEntity, 's').orderBy('s.seq', 'ASC'));
    expect(left).toEqual([{ seq: 4 }, { seq: 5 }, { seq: 6 }]);
    expect(await verifyLedger(reader, jwks, RANKS)).toMatchObject({ ok: true, verified: 3 });
    expect(await checkPrunedArchives(reader, [file], jwks)).toBeNull();
    // Records the tombstone does not cover stay guarded.
    await expect(dataSource().query(`DELETE FROM ${table(dataSource(), 'ledger_record')} WHERE seq = 4`)).rejects.toThrow(/append-only/);
    // Cut everything sealed by the next checkpoint: the chain goes on from the last removed record.
    await sealer.seal(true);
    const rest = await planPrune(reader, '2027-01-01T00:00:00Z');
    expect(rest).toEqual([{ chain: CHAIN, from: 4, seq: 6, hash: expect.any(String) }]);
    const second = join(mkdtempSync(join(tmpdir(), 'causeway-prune-')), 'archive.ndjson');
    await pruneLedger(dataSource(), rest, await writePruneArchive(reader, rest, second), { issuer: 'causeway-gateway', signer });
    expect(await reader.head(CHAIN)).toEqual({ seq: 6, hash: rest[0]!.hash });
    expect(await sealer.seal(true)).toBeNull();
    expect(await verifyLedger(reader, jwks, RANKS)).toMatchObject({ ok: true, verified: 0 });
    expect(await checkPrunedArchives(reader, [file, second], jwks)).toBeNull();
  });
});

function table(source: DataSource, name: string): string {
  const schema = (source.options as { schema?: string }).schema;
  return schema ? `"${schema}".${name}` : name;
}
