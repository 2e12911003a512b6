import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** Inserts rows in chunks small enough for every driver's parameter limit. */
export async function insertInChunks<T extends ObjectLiteral>(tx: EntityManager, entity: EntityTarget<T>, rows: ReadonlyArray<Partial<T>>, size = 200): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await tx.insert(entity, rows.slice(i, i + size) as T[]);
}
