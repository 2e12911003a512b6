import type { DataSource, EntityManager } from 'typeorm';

/**
 * Fills tables from policies/ on a gateway's first start, in one
 * transaction: only when `isEmpty`, so the database stays the source once
 * it holds anything. Returns false when it already held something — also
 * when another gateway instance sharing the database seeded first and this
 * one's insert collided with it.
 */
export async function seedOnce(dataSource: DataSource, isEmpty: (manager: EntityManager) => Promise<boolean>, fill: (manager: EntityManager) => Promise<void>): Promise<boolean> {
  try {
    return await dataSource.transaction(async (manager) => {
      if (!(await isEmpty(manager))) return false;
      await fill(manager);
      return true;
    });
  } catch (error) {
    if (!(await isEmpty(dataSource.manager))) return false;
    throw error;
  }
}
