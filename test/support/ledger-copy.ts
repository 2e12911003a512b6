import Database from 'better-sqlite3';
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A copy of a gateway's SQLite database (taken with SQLite's online backup,
 * so a running gateway's write-ahead log is included) and its keys, in
 * `dir`, changed by `change` the way an intruder with file access would:
 * with the append-only triggers dropped first.
 */
export async function tamperedCopy(dataDir: string, dir: string, change: (db: Database.Database) => void): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const live = new Database(join(dataDir, 'gateway.sqlite'), { readonly: true });
  await live.backup(join(dir, 'gateway.sqlite'));
  live.close();
  cpSync(join(dataDir, 'keys'), join(dir, 'keys'), { recursive: true });
  const db = new Database(join(dir, 'gateway.sqlite'));
  try {
    for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as Array<{ name: string }>) db.exec(`DROP TRIGGER ${name}`);
    change(db);
  } finally {
    db.close();
  }
  return dir;
}
