import { expect, it } from '@jest/globals';
import { generateKeyPair } from 'jose';
import { exchangeEntry, fieldOutcome } from '../../../../test/support/exchange-entry.js';
import { describeGatewayDatabases } from '../../../../test/support/gateway-database.js';
import { CheckpointSealer } from '../checkpoint.sealer.js';
import { LEDGER_FEATURE } from '../ledger.feature.js';
import { createLedgerAppender } from './create-ledger-appender.js';
import { LedgerReader } from './ledger.reader.js';

const RANKS = new Map(['PUBLIC', 'INTERNAL', 'SENSITIVE', 'CORE'].map((level, rank) => [level, rank]));
// Names that sort close together: one a prefix of another, one that sorts between them in some collations.
const CHAINS = ['gw-b', 'gw-a-2', 'gw-a', 'gw-a.1', 'GW-Z'];

// The chains of a ledger and their sealed heads, read by probes rather than by reading every row: each one, once, from each table.
describeGatewayDatabases('the chains of the ledger', [LEDGER_FEATURE], (dataSource) => {
  it('finds no chain in an empty ledger', async () => {
    const reader = new LedgerReader(dataSource());
    expect(await reader.chains()).toEqual([]);
    expect(await reader.chains('ledger_field')).toEqual([]);
  });

  it('finds every chain once, sorted, whatever the database collation', async () => {
    const appender = createLedgerAppender(dataSource(), RANKS);
    const reader = new LedgerReader(dataSource());
    for (const [index, chain] of CHAINS.entries()) {
      const entries = [0, 1, 2].map((n) => ({
        entry: exchangeEntry(`chains-${index}-${n}`, `2026-11-0${n + 1}T08:00:00.000Z`, {
          fields: [fieldOutcome('Person.name', 'public-security', 'SENSITIVE', 'served')],
          subjects: [{ token: `k.${n}`, owners: ['public-security'] }],
        }),
        operation: null,
      }));
      await appender.append(chain, await reader.head(chain), entries);
    }
    const sorted = [...CHAINS].sort();
    expect(await reader.chains()).toEqual(sorted);
    expect(await reader.chains('ledger_field')).toEqual(sorted);
    expect(await reader.chains('ledger_subject')).toEqual(sorted);
  });

  it("states each chain's last head that checkpoints sealed", async () => {
    const appender = createLedgerAppender(dataSource(), RANKS);
    const reader = new LedgerReader(dataSource());
    const { privateKey } = await generateKeyPair('EdDSA', { extractable: true });
    const sealer = new CheckpointSealer(appender, 'gw-a', { issuer: 'causeway-gateway', signer: async () => ({ kid: 'k1', key: privateKey }) });
    // A sweep states every chain; then only gw-a moves, twice, and is sealed after each.
    await sealer.seal(true);
    for (const n of [3, 4]) {
      await appender.append('gw-a', await reader.head('gw-a'), [{ entry: exchangeEntry(`chains-more-${n}`, '2026-11-05T08:00:00.000Z'), operation: null }]);
      await sealer.seal(false);
    }
    const heads = await reader.checkpointedHeads();
    expect([...heads.keys()].sort()).toEqual([...CHAINS].sort());
    expect(heads.get('gw-a')).toEqual(await reader.head('gw-a'));
    expect(heads.get('gw-a')!.seq).toBe(5);
    for (const chain of CHAINS.filter((name) => name !== 'gw-a')) expect(heads.get(chain)).toEqual(await reader.head(chain));
  });
});
