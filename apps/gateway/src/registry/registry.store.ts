import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { insertInChunks, seedOnce } from '#database';
import type { IssuerDefinition, PersonDefinition, RegistryDefinitions, SystemDefinition } from '#identity';
import { LedgerAppender, type GovernanceEntry } from '#ledger';
import { BureauEntity } from './bureau.entity.js';
import { OidcIssuerEntity } from './oidc-issuer.entity.js';
import { PersonEntity } from './person.entity.js';
import { notifyAtCommit } from '../database/change.listener.js';
import { lockRegistryChain, recordRegistryChange, type BureauDefinition, type RegistryCheck } from './registry-change.js';
import { bureauOf, definitionOf, personOf, personRowOf, readRegistry, removeRow, replaceRow, rowOf } from './registry-rows.js';
import { PurposeEntity } from './purpose.entity.js';
import { RegisteredSystemEntity } from './registered-system.entity.js';
import { RegistryStateEntity } from './registry-state.entity.js';

/** PostgreSQL NOTIFY channel on which a registry change announces its new version. */
export const REGISTRY_CHANNEL = 'causeway_registry';

/**
 * The registry of calling systems as the gateway database holds it. The
 * demo registry in policies/ is copied in on first start, and that is
 * recorded in the ledger in the same transaction; from then on the
 * database is the source. Administrators change it through the admin API
 * (RegistryAdminService): each change is checked as a whole registry,
 * bumps the registry version and is recorded on the registry chain, all in
 * one transaction.
 */
@Injectable()
export class RegistryStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerAppender,
  ) {}

  /** Copies `definitions` in when the registry is empty; false when it already held something. */
  async seedWhenEmpty(definitions: RegistryDefinitions): Promise<boolean> {
    return this.seed(
      'registry',
      definitions,
      async (manager) => (await manager.count(PurposeEntity)) + (await manager.count(RegisteredSystemEntity)) === 0,
      async (manager, updatedAt) => {
        await insertInChunks(
          manager,
          PurposeEntity,
          Object.entries(definitions.purposes).map(([name, description]) => ({ name, description })),
        );
        await insertInChunks(
          manager,
          RegisteredSystemEntity,
          definitions.systems.map((system) => rowOf(system, updatedAt)),
        );
      },
    );
  }

  async read(): Promise<RegistryDefinitions> {
    return readRegistry(this.dataSource.manager);
  }

  /** The bureaus the gateway federates, by name. */
  async bureaus(): Promise<BureauDefinition[]> {
    return (await this.dataSource.getRepository(BureauEntity).find({ order: { name: 'ASC' } })).map(bureauOf);
  }

  /** Copies the configured bureaus in, once (first start, or a database from before bureaus were registered); false otherwise. */
  async seedBureausWhenEmpty(bureaus: readonly BureauDefinition[]): Promise<boolean> {
    return this.seed(
      'bureaus',
      bureaus,
      async (manager) => (await manager.count(BureauEntity)) === 0,
      (manager, updatedAt) =>
        insertInChunks(
          manager,
          BureauEntity,
          bureaus.map((bureau) => ({ ...bureau, updatedAt, updatedBy: 'seed' })),
        ),
    );
  }

  /** Copies people.yaml in, once (first start, or a database from before people were registered). */
  async seedPeopleWhenEmpty(people: readonly PersonDefinition[]): Promise<boolean> {
    return this.seed(
      'people',
      people,
      async (manager) => (await manager.count(PersonEntity)) === 0,
      (manager, updatedAt) =>
        insertInChunks(
          manager,
          PersonEntity,
          people.map((person) => personRowOf(person, updatedAt, 'seed')),
        ),
    );
  }

  /** Registers a person or changes their name, roles, department or issuer; `check` sees the registry as it would be. */
  async putPerson(person: PersonDefinition, actor: string, check: RegistryCheck): Promise<number> {
    return this.change(actor, 'put', `person:${person.id}`, check, async (manager) => {
      const before = await replaceRow(manager, PersonEntity, { id: person.id }, personRowOf(person, new Date().toISOString(), actor), personOf);
      return { before, after: person };
    });
  }

  /** Removes a person: their tokens are refused from their next request on. */
  async removePerson(id: string, actor: string, check: RegistryCheck): Promise<number> {
    return this.change(actor, 'remove', `person:${id}`, check, async (manager) => {
      return { before: await removeRow(manager, PersonEntity, { id }, personOf, [`no person "${id}"`, 'id']), after: null };
    });
  }

  /** Copies issuers.yaml in, once: an issuer an administrator removed is not trusted again at the next start. */
  async seedIssuersWhenEmpty(issuers: readonly IssuerDefinition[]): Promise<boolean> {
    return this.seed(
      'issuers',
      issuers,
      async (manager) => (await manager.count(OidcIssuerEntity)) === 0,
      (manager, updatedAt) =>
        insertInChunks(
          manager,
          OidcIssuerEntity,
          issuers.map((definition) => ({ issuer: definition.issuer, definition, updatedAt })),
        ),
    );
  }

  /** Trusts an OIDC issuer, or changes what it may vouch for. */
  async putIssuer(definition: IssuerDefinition, actor: string, check: RegistryCheck): Promise<number> {
    return this.change(actor, 'put', `issuer:${definition.issuer}`, check, async (manager) => {
      const row = { issuer: definition.issuer, definition, updatedAt: new Date().toISOString() };
      return { before: await replaceRow(manager, OidcIssuerEntity, { issuer: definition.issuer }, row, issuerOf), after: definition };
    });
  }

  /** Stops trusting an issuer: its tokens are refused from the next request on. */
  async removeIssuer(issuer: string, actor: string, check: RegistryCheck): Promise<number> {
    return this.change(actor, 'remove', `issuer:${issuer}`, check, async (manager) => {
      return { before: await removeRow(manager, OidcIssuerEntity, { issuer }, issuerOf, [`no issuer "${issuer}"`, 'issuer']), after: null };
    });
  }

  /** Registers a bureau or changes its department or URL. */
  async putBureau(bureau: BureauDefinition, actor: string): Promise<number> {
    return this.change(
      actor,
      'put',
      `bureau:${bureau.name}`,
      () => undefined,
      async (manager) => {
        const row = { ...bureau, updatedAt: new Date().toISOString(), updatedBy: actor };
        return { before: await replaceRow(manager, BureauEntity, { name: bureau.name }, row, bureauOf), after: bureau };
      },
    );
  }

  async removeBureau(name: string, actor: string): Promise<number> {
    return this.change(
      actor,
      'remove',
      `bureau:${name}`,
      () => undefined,
      async (manager) => {
        return { before: await removeRow(manager, BureauEntity, { name }, bureauOf, [`no bureau "${name}"`, 'name']), after: null };
      },
    );
  }

  /** The registry version: bumped by every change made through the admin API. */
  async version(): Promise<number> {
    return (await this.dataSource.manager.findOneBy(RegistryStateEntity, { id: 1 }))?.version ?? 0;
  }

  /** Adds or replaces a calling system; `check` sees the whole registry as it would be and throws to refuse it. */
  async putSystem(system: SystemDefinition, actor: string, check: RegistryCheck): Promise<number> {
    return this.change(actor, 'put', `system:${system.id}`, check, async (manager) => {
      return { before: await replaceRow(manager, RegisteredSystemEntity, { id: system.id }, rowOf(system, new Date().toISOString()), definitionOf), after: system };
    });
  }

  /** Removes a calling system: from the next exchange on every replica it is refused. */
  async removeSystem(id: string, actor: string, check: RegistryCheck): Promise<number> {
    return this.change(actor, 'remove', `system:${id}`, check, async (manager) => {
      return { before: await removeRow(manager, RegisteredSystemEntity, { id }, definitionOf, [`no system "${id}"`, 'id']), after: null };
    });
  }

  async putPurpose(name: string, description: string, actor: string, check: RegistryCheck): Promise<number> {
    return this.change(actor, 'put', `purpose:${name}`, check, async (manager) => {
      return { before: await replaceRow(manager, PurposeEntity, { name }, { name, description }, purposeOf), after: { name, description } };
    });
  }

  async removePurpose(name: string, actor: string, check: RegistryCheck): Promise<number> {
    return this.change(actor, 'remove', `purpose:${name}`, check, async (manager) => {
      return { before: await removeRow(manager, PurposeEntity, { name }, purposeOf, [`no purpose "${name}"`, 'name']), after: null };
    });
  }

  /**
   * Copies `seeded` in once: when `subject` was never seeded and its tables
   * are `empty` (a database from before the marker, already filled, counts as
   * seeded). What an administrator empties later stays empty. Recorded on the
   * registry chain, holding the registry state row's lock like every writer
   * of that chain.
   */
  private async seed(
    subject: string,
    seeded: unknown,
    empty: (manager: EntityManager) => Promise<boolean>,
    insert: (manager: EntityManager, updatedAt: string) => Promise<unknown>,
  ): Promise<boolean> {
    const due = async (manager: EntityManager) => {
      await lockRegistryChain(manager);
      const state = await manager.findOneByOrFail(RegistryStateEntity, { id: 1 });
      return !state.seeded.includes(subject) && (await empty(manager));
    };
    return seedOnce(this.dataSource, due, async (manager) => {
      const updatedAt = new Date().toISOString();
      await insert(manager, updatedAt);
      const state = await manager.findOneByOrFail(RegistryStateEntity, { id: 1 });
      await manager.update(RegistryStateEntity, { id: 1 }, { seeded: [...state.seeded, subject] });
      await recordRegistryChange(this.ledger, manager, { at: updatedAt, actor: 'seed', action: 'seed', subject, before: null, after: seeded });
    });
  }

  /**
   * One change in one transaction: the version row first (its lock
   * serialises registry changes), the change, the check of the registry as
   * it now stands (a refusal rolls everything back), the ledger record on
   * the registry chain, and on PostgreSQL a NOTIFY delivered at commit.
   */
  private async change(
    actor: string,
    action: GovernanceEntry['action'],
    subject: string,
    check: RegistryCheck,
    apply: (manager: EntityManager) => Promise<{ before: unknown; after: unknown }>,
  ): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      // The version row first: its lock serialises registry changes and every writer of the registry chain.
      await manager.increment(RegistryStateEntity, { id: 1 }, 'version', 1);
      const { before, after } = await apply(manager);
      check(await readRegistry(manager));
      const { version } = await manager.findOneByOrFail(RegistryStateEntity, { id: 1 });
      await recordRegistryChange(this.ledger, manager, { actor, action, subject, before, after });
      await notifyAtCommit(this.dataSource, manager, REGISTRY_CHANNEL, String(version));
      return version;
    });
  }
}

const issuerOf = (row: OidcIssuerEntity): IssuerDefinition => row.definition;
const purposeOf = (row: PurposeEntity) => ({ name: row.name, description: row.description });
