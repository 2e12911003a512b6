import { describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair } from 'jose';
import type { DataSource } from 'typeorm';
import { exchangeEntry } from '../../../../test/support/exchange-entry.js';
import { describeGatewayDatabases } from '../../../../test/support/gateway-database.js';
import { CheckpointSealer } from '../checkpoint.sealer.js';
import type { ExchangeEntry } from '../ledger-entry.js';
import { LEDGER_FEATURE } from '../ledger.feature.js';
import { verifyLedger } from '../verify/ledger.verifier.js';
import { createLedgerAppender } from './create-ledger-appender.js';
import { LedgerReader } from './ledger.reader.js';
import { wellFormed } from './well-formed.js';

const RANKS = new Map(['PUBLIC', 'INTERNAL', 'SENSITIVE', 'CORE'].map((level, rank) => [level, rank]));
const HALF = '\ud800';

describe('well-formed text', () => {
  it('replaces every unpaired surrogate, in strings and member names, and keeps whole characters', () => {
    const value = { a: `x${HALF}`, list: ['ok', `\udfff${HALF}`], [`k${HALF}`]: { deep: `😀${HALF}` }, n: 1, nothing: null };
    expect(wellFormed(value)).toEqual({ a: 'x\uFFFD', list: ['ok', '\uFFFD\uFFFD'], 'k\uFFFD': { deep: '😀\uFFFD' }, n: 1, nothing: null });
  });

  it('returns what needs nothing replaced as it is', () => {
    const value = { a: '名', list: ['😀'], n: 1 };
    expect(wellFormed(value)).toBe(value);
  });
});

/** A refused caller's exchange, its token's claims holding `issuer`. */
function exchange(id: string, issuer: string): ExchangeEntry {
  return exchangeEntry(id, '2026-05-01T08:00:00.000Z', {
    caller: { system: null, department: null, issuer, tokenId: `j${issuer}`, verified: false },
    purpose: `p${issuer}`,
    operation: { name: `Q${issuer}`, hash: null, variablesHash: null },
    decision: 'UNAUTHENTICATED',
    errorCodes: ['UNAUTHENTICATED'],
    grade: { maxLevel: null, maxLevelRank: null, piiServed: {} },
  });
}

describeGatewayDatabases('a record holding half a character', [LEDGER_FEATURE], (dataSource: () => DataSource) => {
  it('is stored with it replaced, with the rest of its group, and verifies', async () => {
    const appender = createLedgerAppender(dataSource(), RANKS);
    const reader = new LedgerReader(dataSource());
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
    const sealer = new CheckpointSealer(appender, 'gw-text', { issuer: 'causeway-gateway', signer: async () => ({ kid: 'k', key: privateKey }) });
    await sealer.announce();
    const positions = await appender.append('gw-text', await reader.head('gw-text'), [
      { entry: exchange('before', 'ok'), operation: null },
      { entry: exchange('half', `x${HALF}`), operation: { hash: 'h'.repeat(64), document: `query Q${HALF} { a }` } },
      { entry: exchange('after', 'ok'), operation: null },
    ]);
    await sealer.seal(true);
    await appender.close();
    expect(positions.map((position) => position.seq)).toEqual([1, 2, 3]);
    const records = [];
    for await (const record of reader.records({}, 10, 'gw-text')) records.push(JSON.parse(record.content) as ExchangeEntry);
    expect(records.map((entry) => [entry.exchangeId, entry.caller.issuer, entry.purpose, entry.operation.name])).toEqual([
      ['before', 'ok', 'pok', 'Qok'],
      ['half', 'x\uFFFD', 'px\uFFFD', 'Qx\uFFFD'],
      ['after', 'ok', 'pok', 'Qok'],
    ]);
    expect(await reader.operation('h'.repeat(64))).toBe('query Q\uFFFD { a }');
    const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k', alg: 'EdDSA' }] };
    expect(await verifyLedger(reader, jwks, RANKS)).toMatchObject({ ok: true, verified: 3 });
  });
});
