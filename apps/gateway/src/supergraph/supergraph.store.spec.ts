import { expect, it } from '@jest/globals';
import { createLedgerAppender, LedgerReader } from '#ledger';
import { describeGatewayDatabases } from '../../../../test/support/gateway-database.js';
import { GATEWAY_FEATURES } from '../database/gateway-database.module.js';
import { BureauEntity } from '../registry/bureau.entity.js';
import { PersonEntity } from '../registry/person.entity.js';
import { SupergraphDecisionError, SupergraphStore, type SupergraphCandidate } from './supergraph.store.js';

const clean = { loosened: [], unlabelled: [], added: [], removed: [], bureaus: ['a'] };

function candidate(hash: string, overrides: Partial<SupergraphCandidate> = {}): SupergraphCandidate {
  return { sdl: `# graph ${hash}`, hash: hash.padEnd(64, '0'), source: 'composition', proposedBy: 'composition', checks: () => clean, ...overrides };
}

describeGatewayDatabases('SupergraphStore', GATEWAY_FEATURES, (dataSource) => {
  it('activates a graph that loosens nothing, holds one that does for another administrator, and records each decision', async () => {
    const store = new SupergraphStore(dataSource(), createLedgerAppender(dataSource(), new Map()));
    const first = await store.offer(candidate('a'));
    expect(first).toMatchObject({ status: 'ACTIVE', version: 1 });
    // The same graph again is the active version, not a new one.
    expect(await store.offer(candidate('a'))).toMatchObject({ version: 1 });

    const lowered = { ...clean, loosened: ['Thing.secret: level lowered from CORE to PUBLIC'] };
    // The checks are made against the version active in the database at the moment of the offer.
    const checkedAgainst: Array<number | null> = [];
    const held = await store.offer(
      candidate('b', {
        proposedBy: 'admin-1',
        checks: (active) => {
          checkedAgainst.push(active?.version ?? null);
          return lowered;
        },
      }),
    );
    expect(checkedAgainst).toEqual([1]);
    expect(held).toMatchObject({ status: 'PENDING', version: 2 });
    expect((await store.active())?.version).toBe(1);
    // The proposer cannot approve their own change.
    await expect(store.approve(2, 'admin-1')).rejects.toMatchObject({ forbidden: true });
    expect(await store.approve(2, 'admin-2')).toMatchObject({ status: 'ACTIVE', decidedBy: 'admin-2' });
    expect(await store.activeHash()).toEqual({ version: 2, hash: 'b'.padEnd(64, '0') });
    await expect(store.approve(2, 'admin-2')).rejects.toBeInstanceOf(SupergraphDecisionError);

    const recorded: Array<Record<string, any>> = [];
    for await (const record of new LedgerReader(dataSource()).records()) recorded.push(JSON.parse(record.content));
    expect(recorded.map((entry) => [entry.actor, entry.action, entry.subject])).toEqual([
      ['composition', 'put', 'supergraph:1'],
      ['admin-1', 'apply', 'supergraph:2'],
      ['admin-2', 'approve', 'supergraph:2'],
    ]);
  });

  it('does not let composition offer again what an administrator rejected or rolled back', async () => {
    const store = new SupergraphStore(dataSource(), createLedgerAppender(dataSource(), new Map()));
    const loosening = { ...clean, loosened: ['x'] };
    await store.offer(candidate('c'));
    const pending = await store.offer(candidate('d', { checks: () => loosening }));
    await expect(store.reject(pending!.version, 'admin-1', 'lowers a CORE field')).resolves.toMatchObject({ status: 'REJECTED', reason: 'lowers a CORE field' });
    expect(await store.offer(candidate('d', { checks: () => loosening }))).toBeNull();

    const next = await store.offer(candidate('e'));
    expect(next).toMatchObject({ status: 'ACTIVE' });
    const before = (await store.list(10)).find((row) => row.hash === 'c'.padEnd(64, '0'))!;
    const restored = await store.rollback(before.version, 'admin-2', () => clean);
    expect(restored).toMatchObject({ status: 'ACTIVE', source: 'rollback', hash: before.hash });
    expect((await store.list(10)).find((row) => row.version === next!.version)?.status).toBe('WITHDRAWN');
    // Bureaus still serving the withdrawn graph do not bring it back by themselves; a person may.
    expect(await store.offer(candidate('e'))).toBeNull();
    expect(await store.offer(candidate('e', { proposedBy: 'admin-1' }))).toMatchObject({ status: 'ACTIVE' });
    await expect(store.rollback(9999, 'admin-1', () => clean)).rejects.toMatchObject({ argument: 'toVersion' });
  });

  it('refuses approval by who brought the change about, lapses what waits when another version is served, and holds a looser rollback', async () => {
    const store = new SupergraphStore(dataSource(), createLedgerAppender(dataSource(), new Map()));
    const loosening = { ...clean, loosened: ['x'] };
    const base = await store.offer(candidate('f'));
    const now = new Date().toISOString();
    // admin-1 registered a bureau (composition then offers the graph) and registered admin-3.
    await dataSource().getRepository(BureauEntity).save({ name: 'tax', department: 'tax', url: 'http://tax.invalid/', updatedAt: now, updatedBy: 'admin-1' });
    await dataSource()
      .getRepository(PersonEntity)
      .save({ id: 'admin-3', name: 'A', roles: ['administrator'], department: null, issuer: null, updatedAt: now, updatedBy: 'admin-1' });
    const offered = await store.offer(candidate('g', { checks: () => loosening }));
    await expect(store.approve(offered!.version, 'admin-1')).rejects.toMatchObject({ forbidden: true, message: expect.stringContaining('bureau changes admin-1 made') });
    const proposedByAdmin1 = await store.offer(candidate('h', { proposedBy: 'admin-1', checks: () => loosening }));
    await expect(store.approve(proposedByAdmin1!.version, 'admin-3')).rejects.toMatchObject({ message: expect.stringContaining('who registered admin-3') });

    // Another version served: what waited was checked against the old one, so it lapses.
    await store.offer(candidate('i'));
    expect((await store.list(20)).filter((row) => row.status === 'PENDING')).toEqual([]);
    await expect(store.approve(offered!.version, 'admin-2')).rejects.toMatchObject({ argument: 'version' });

    // Rolling back to a looser graph waits for approval like any candidate.
    const held = await store.rollback(base!.version, 'admin-2', () => loosening);
    expect(held).toMatchObject({ status: 'PENDING', source: 'rollback', proposedBy: 'admin-2' });
    expect((await store.active())?.hash).toBe('i'.padEnd(64, '0'));
  });
});
