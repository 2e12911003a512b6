import type { EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';
import type { BureauConfig } from './bureau.config.js';

/**
 * Fills a bureau's store with its demo records once: only when demo data is
 * on and the store is still empty, in one transaction so a crash mid-way
 * leaves it empty (and seeded again next start) rather than half filled.
 */
export async function seedWhenEmpty(
  config: BureauConfig,
  probe: Repository<ObjectLiteral>,
  fill: (tx: EntityManager) => Promise<void>,
): Promise<void> {
  if (!config.seedDemoData || (await probe.count()) > 0) return;
  await probe.manager.transaction(fill);
}

/** Inserts rows in chunks small enough for every driver's parameter limit. */
export async function insertInChunks<T extends ObjectLiteral>(
  tx: EntityManager,
  entity: EntityTarget<T>,
  rows: ReadonlyArray<Partial<T>>,
  size = 200,
): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await tx.insert(entity, rows.slice(i, i + size) as T[]);
}
