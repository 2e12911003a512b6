import { expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { exchangeEntry, fieldOutcome } from '../../../../test/support/exchange-entry.js';
import { describeGatewayDatabases } from '../../../../test/support/gateway-database.js';
import type { ExchangeEntry, FieldOutcome } from '../ledger-entry.js';
import { LEDGER_FEATURE } from '../ledger.feature.js';
import { createLedgerAppender } from '../store/create-ledger-appender.js';
import { LedgerReader } from '../store/ledger.reader.js';
import { searchLedger, type LedgerFilter } from './ledger.search.js';

const RANKS = new Map(['PUBLIC', 'INTERNAL', 'SENSITIVE', 'CORE'].map((level, rank) => [level, rank]));

const field = (coordinate: string, owner: string) => fieldOutcome(coordinate, owner);

function exchange(id: string, fields: FieldOutcome[], subjects: ExchangeEntry['subjects'] = undefined): ExchangeEntry {
  return exchangeEntry(id, `2026-03-01T00:00:0${id.length % 10}.000Z`, { fields, ...(subjects ? { subjects } : {}) });
}

const ENTRIES = [
  exchange('name-first', [field('Person.name', 'public-security'), field('Person.phone', 'public-security')], [{ token: 'k1.a', owners: ['public-security'] }]),
  exchange('name-later', [field('Person.maritalStatus', 'civil-affairs'), field('Person.name', 'public-security')], [{ token: 'k1.a', owners: ['civil-affairs', 'public-security'] }]),
  exchange('longer-name', [field('Person.nameHistory', 'public-security'), field('Enterprise.name', 'market-regulation')], [{ token: 'k1.a', owners: ['civil-affairs'] }]),
  exchange('underscore', [field('Person.house_hold', 'public-security')]),
  exchange('odd', [field('Person.a b,c', 'health')], [{ token: 'k1.b', owners: ['public-security-x'] }]),
];

describeGatewayDatabases('searching the ledger by field and by subject owner', [LEDGER_FEATURE], (dataSource: () => DataSource) => {
  const found = async (filter: LedgerFilter) => (await searchLedger(new LedgerReader(dataSource()), filter, 50, null)).records.map((record) => record.exchangeId).sort();

  it('finds a coordinate only where a record selected exactly that coordinate', async () => {
    const appender = createLedgerAppender(dataSource(), RANKS);
    const reader = new LedgerReader(dataSource());
    await appender.append(
      'gw-search',
      await reader.head('gw-search'),
      ENTRIES.map((entry) => ({ entry, operation: null })),
    );
    await appender.close();

    expect(await found({ coordinate: 'Person.name' })).toEqual(['name-first', 'name-later']);
    expect(await found({ coordinate: 'Enterprise.name' })).toEqual(['longer-name']);
    // Not a prefix, a suffix or another case; `_` and `%` are no wildcards.
    for (const coordinate of ['Person.na', 'name', 'person.name', 'Person.NAME', 'Person.house%hold', 'Person.houseXhold', '%', '_', ',', ' ', '']) {
      expect({ coordinate, found: await found({ coordinate }) }).toEqual({ coordinate, found: coordinate === '' ? ENTRIES.map((e) => e.exchangeId).sort() : [] });
    }
    expect(await found({ coordinate: 'Person.house_hold' })).toEqual(['underscore']);
    expect(await found({ coordinate: 'Person.a b,c' })).toEqual(['odd']);
    expect(await found({ coordinate: 'Person.a b' })).toEqual([]);
    expect(await found({ ownerDepartment: 'market-regulation' })).toEqual(['longer-name']);
  });

  it('finds a subject’s records of one owner only where that owner’s fields about it were served', async () => {
    expect(await found({ subjectTokens: ['k1.a'] })).toEqual(['longer-name', 'name-first', 'name-later']);
    expect(await found({ subjectTokens: ['k1.a'], subjectOwner: 'public-security' })).toEqual(['name-first', 'name-later']);
    expect(await found({ subjectTokens: ['k1.a'], subjectOwner: 'civil-affairs' })).toEqual(['longer-name', 'name-later']);
    // A department whose code begins another's is not that one.
    expect(await found({ subjectTokens: ['k1.b'], subjectOwner: 'public-security' })).toEqual([]);
    expect(await found({ subjectTokens: ['k1.b'], subjectOwner: 'public-security-x' })).toEqual(['odd']);
    expect(await found({ subjectTokens: ['k1.a'], subjectOwner: 'public' })).toEqual([]);
  });
});
