import { Inject, Injectable } from '@nestjs/common';
import { parse, validate, type DocumentNode } from 'graphql';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '#config';
import type { Person } from '#identity';
import { exceededLimit, measureOperation } from '#policy';
import { AdminError, AdminErrorCode } from '../admin/admin.error.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { GovernanceChain } from '../policy/governance-chain.service.js';
import { RegisteredSystemEntity } from '../registry/registered-system.entity.js';
import { RegistryService } from '../registry/registry.service.js';
import { SupergraphService } from '../supergraph/supergraph.service.js';
import { RegisteredOperationEntity } from './registered-operation.entity.js';

/** Lower-case hex SHA-256 of an operation's exact text: the id callers and the gateway agree on. */
export function documentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A registered operation as the admin API shows it. */
export interface RegisteredOperation {
  system: string;
  hash: string;
  name: string;
  document: string;
  registeredBy: string;
  registeredAt: string;
}

/**
 * Trusted documents (persisted operations): per calling system, the
 * operations registered for it, which it may then send by hash alone, and
 * whether it may send nothing else. Callers never register anything: only
 * an administrator or an officer of the system's own department does,
 * through the admin API, and every change is recorded in the governance
 * chain of the ledger in the transaction that makes it.
 */
@Injectable()
export class TrustedDocumentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly chain: GovernanceChain,
    private readonly registry: RegistryService,
    private readonly supergraph: SupergraphService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The text registered for `system` under `hash`; null when there is none. */
  async find(system: string, hash: string): Promise<string | null> {
    const found = await this.dataSource.getRepository(RegisteredOperationEntity).findOneBy({ system, hash });
    return found?.document ?? null;
  }

  async list(person: Person, system: string): Promise<RegisteredOperation[]> {
    this.authorize(person, system);
    return (await this.dataSource.getRepository(RegisteredOperationEntity).find({ where: { system }, order: { name: 'ASC', hash: 'ASC' } })).map((row) => ({ ...row }));
  }

  /** Registers `document` for `system` (it must parse, validate against the graph and stay within the system's limits). */
  async register(person: Person, system: string, name: string, document: string): Promise<RegisteredOperation> {
    this.authorize(person, system);
    if (!/^[A-Za-z0-9_.:-]{1,128}$/.test(name)) throw AdminError.badInput('name: 1 to 128 letters, digits, "_", ".", ":" or "-"', 'name');
    this.checkDocument(system, document);
    const row: RegisteredOperation = { system, hash: documentHash(document), name, document, registeredBy: person.id, registeredAt: new Date(this.clock.now()).toISOString() };
    await this.change(person, 'put', `operation ${system} ${row.hash}`, async (manager) => {
      const before = await manager.findOneBy(RegisteredOperationEntity, { system, hash: row.hash });
      await manager.delete(RegisteredOperationEntity, { system, hash: row.hash });
      await manager.insert(RegisteredOperationEntity, row);
      return { before: before ? { name: before.name } : null, after: { name, hash: row.hash } };
    });
    return row;
  }

  /** Removes a registered operation; false when there was none. */
  async revoke(person: Person, system: string, hash: string): Promise<boolean> {
    this.authorize(person, system);
    let removed = false;
    await this.change(person, 'revoke', `operation ${system} ${hash}`, async (manager) => {
      const before = await manager.findOneBy(RegisteredOperationEntity, { system, hash });
      if (!before) return null;
      await manager.delete(RegisteredOperationEntity, { system, hash });
      removed = true;
      return { before: { name: before.name, hash }, after: null };
    });
    return removed;
  }

  /** Turns a system's "registered operations only" mode on or off; every replica applies it at its next registry refresh. */
  async setRegisteredOnly(person: Person, system: string, only: boolean): Promise<void> {
    this.authorize(person, system);
    await this.change(person, 'put', `system ${system} registeredOperationsOnly`, async (manager) => {
      const before = await manager.findOneByOrFail(RegisteredSystemEntity, { id: system });
      await manager.update(RegisteredSystemEntity, { id: system }, { registeredOperationsOnly: only, updatedAt: new Date(this.clock.now()).toISOString() });
      return { before: { registeredOperationsOnly: before.registeredOperationsOnly }, after: { registeredOperationsOnly: only } };
    });
    await this.registry.refresh();
  }

  /** Administrators manage every system's operations; an officer those of the systems of their own department. */
  private authorize(person: Person, system: string): void {
    const registered = this.registry.current().get(system);
    if (!registered) throw AdminError.badInput(`no registered system "${system}"`, 'system');
    if (person.roles.includes('administrator')) return;
    if (person.roles.includes('officer') && person.department === registered.department) return;
    throw AdminError.forbidden(`Only an administrator or an officer of ${registered.department} manages the operations of ${system}.`);
  }

  private checkDocument(system: string, text: string): void {
    const schema = this.supergraph.apiSchema;
    if (!schema) throw new AdminError(AdminErrorCode.NOT_READY, 'The federated graph is not loaded yet.');
    let document: DocumentNode;
    try {
      document = parse(text, { maxTokens: this.config.limits.tokens });
    } catch (error) {
      throw AdminError.badInput(`document: ${(error as Error).message}`, 'document');
    }
    const own = this.registry.current().get(system)?.limits;
    const limits = own ? { ...this.config.limits, ...own } : this.config.limits;
    const exceeded = exceededLimit(measureOperation(document, null, {}, { schema, listSize: limits.listSize }), limits);
    if (exceeded) throw AdminError.tooComplex(exceeded, 'document');
    const errors = validate(schema, document);
    if (errors.length > 0) throw AdminError.badInput(`document: ${errors.map((error) => error.message).join('; ')}`, 'document');
  }

  /** One change and its ledger record, in one transaction under the governance chain's lock. */
  private async change(person: Person, action: 'put' | 'revoke', subject: string, apply: (manager: EntityManager) => Promise<{ before: unknown; after: unknown } | null>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.chain.lock(manager);
      const changed = await apply(manager);
      if (!changed) return;
      await this.chain.record(manager, {
        kind: 'registry-change',
        exchangeId: randomUUID(),
        at: new Date().toISOString(),
        actor: person.id,
        action,
        subject,
        before: changed.before,
        after: changed.after,
        policyVersion: null,
      });
    });
  }
}
