import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { insertInChunks, seedOnce } from '#database';
import type { RegistryDefinitions } from '#identity';
import { LedgerAppender } from '#ledger';
import { PurposeEntity } from './purpose.entity.js';
import { RegisteredSystemEntity } from './registered-system.entity.js';

/** The ledger chain of registry changes (its own: registry and policy changes do not share a lock). */
export const REGISTRY_CHAIN = 'registry';

/**
 * The registry of calling systems as the gateway database holds it. The
 * demo registry in policies/ is copied in on first start, and that is
 * recorded in the ledger in the same transaction; from then on the
 * database is the source, so production manages systems there.
 */
@Injectable()
export class RegistryStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerAppender,
  ) {}

  /** Copies `definitions` in when the registry is empty; false when it already held something. */
  async seedWhenEmpty(definitions: RegistryDefinitions): Promise<boolean> {
    return seedOnce(
      this.dataSource,
      async (manager) => (await manager.count(PurposeEntity)) + (await manager.count(RegisteredSystemEntity)) === 0,
      async (manager) => {
        const updatedAt = new Date().toISOString();
        await insertInChunks(
          manager,
          PurposeEntity,
          Object.entries(definitions.purposes).map(([name, description]) => ({ name, description })),
        );
        await insertInChunks(
          manager,
          RegisteredSystemEntity,
          definitions.systems.map((system) => ({
            id: system.id,
            department: system.department,
            clearance: system.clearance,
            purposes: system.purposes,
            jwks: system.jwks ?? null,
            jwksUrl: system.jwksUrl ?? null,
            rateLimit: system.rateLimit ?? null,
            operationLimits: system.limits ?? null,
            registeredOperationsOnly: system.registeredOperationsOnly ?? false,
            piiValuesPerDay: system.piiValuesPerDay ?? null,
            lookupMissesPerDay: system.lookupMissesPerDay ?? null,
            updatedAt,
          })),
        );
        // Only the seed writes this chain at first start; two replicas seeding at once collide on its first record, and one seed wins.
        await this.ledger.appendWithin(manager, REGISTRY_CHAIN, {
          kind: 'registry-change',
          exchangeId: randomUUID(),
          at: updatedAt,
          actor: 'seed',
          action: 'seed',
          subject: 'registry',
          before: null,
          after: definitions,
          policyVersion: null,
        });
      },
    );
  }

  async read(): Promise<RegistryDefinitions> {
    const [purposes, systems] = await Promise.all([
      this.dataSource.getRepository(PurposeEntity).find({ order: { name: 'ASC' } }),
      this.dataSource.getRepository(RegisteredSystemEntity).find({ order: { id: 'ASC' } }),
    ]);
    return {
      purposes: Object.fromEntries(purposes.map((purpose) => [purpose.name, purpose.description])),
      systems: systems.map((system) => ({
        id: system.id,
        department: system.department,
        clearance: system.clearance,
        purposes: system.purposes,
        ...(system.jwks ? { jwks: system.jwks as { keys: Array<{ kty: string }> } } : {}),
        ...(system.jwksUrl ? { jwksUrl: system.jwksUrl } : {}),
        ...(system.rateLimit !== null ? { rateLimit: system.rateLimit } : {}),
        ...(system.operationLimits ? { limits: system.operationLimits } : {}),
        ...(system.registeredOperationsOnly ? { registeredOperationsOnly: true } : {}),
        ...(system.piiValuesPerDay !== null ? { piiValuesPerDay: system.piiValuesPerDay } : {}),
        ...(system.lookupMissesPerDay !== null ? { lookupMissesPerDay: system.lookupMissesPerDay } : {}),
      })),
    };
  }
}
