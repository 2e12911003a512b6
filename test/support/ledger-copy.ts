import Database from 'better-sqlite3';
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { decodeContent, encodeContentBytes } from '#ledger';

/**
 * A copy of a gateway's SQLite database (taken with SQLite's online backup,
 * so a running gateway's write-ahead log is included) and its keys, in
 * `dir`, changed by `change` the way an intruder with file access would:
 * with the append-only triggers dropped first, and knowing how a record's
 * content is stored: SQL functions `ledger_decode(content)` and
 * `ledger_encode(text)` read and write it.
 */
export async function tamperedCopy(dataDir: string, dir: string, change: (db: Database.Database) => void): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const live = new Database(join(dataDir, 'gateway.sqlite'), { readonly: true });
  await live.backup(join(dir, 'gateway.sqlite'));
  live.close();
  cpSync(join(dataDir, 'keys'), join(dir, 'keys'), { recursive: true });
  const db = new Database(join(dir, 'gateway.sqlite'));
  try {
    db.function('ledger_decode', (stored) => decodeContent(stored as string | Buffer));
    db.function('ledger_encode', (text) => encodeContentBytes(String(text)));
    for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as Array<{ name: string }>) db.exec(`DROP TRIGGER ${name}`);
    change(db);
  } finally {
    db.close();
  }
  return dir;
}
