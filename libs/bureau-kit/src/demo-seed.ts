import type { EntityManager, ObjectLiteral, Repository } from 'typeorm';
import type { BureauConfig } from './bureau.config.js';

/**
 * Fills a bureau's store with its demo records once: only when demo data is
 * on and the store is still empty, in one transaction so a crash mid-way
 * leaves it empty (and seeded again next start) rather than half filled.
 */
export async function seedWhenEmpty(config: BureauConfig, probe: Repository<ObjectLiteral>, fill: (tx: EntityManager) => Promise<void>): Promise<void> {
  if (!config.seedDemoData || (await probe.count()) > 0) return;
  await probe.manager.transaction(fill);
}
