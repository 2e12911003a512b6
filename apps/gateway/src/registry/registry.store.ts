import type { DataSource } from 'typeorm';
import { insertInChunks } from '#config';
import type { RegistryDefinitions } from '#identity';
import { seedOnce } from '../database/seed-once.js';
import { PurposeEntity } from './purpose.entity.js';
import { RegisteredSystemEntity } from './registered-system.entity.js';

/**
 * The registry of calling systems as the gateway database holds it. The
 * demo registry in policies/ is copied in on first start; from then on the
 * database is the source, so production manages systems there.
 */
export class RegistryStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Copies `definitions` in when the registry is empty; false when it already held something. */
  async seedWhenEmpty(definitions: RegistryDefinitions): Promise<boolean> {
    return seedOnce(
      this.dataSource,
      async (manager) => (await manager.count(PurposeEntity)) + (await manager.count(RegisteredSystemEntity)) === 0,
      async (manager) => {
        const updatedAt = new Date().toISOString();
        await insertInChunks(manager, PurposeEntity, Object.entries(definitions.purposes).map(([name, description]) => ({ name, description })));
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
            updatedAt,
          })),
        );
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
      })),
    };
  }
}
