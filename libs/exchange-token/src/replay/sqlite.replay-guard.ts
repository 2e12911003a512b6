import Database from 'better-sqlite3';
import type { ReplayGuard } from './replay-guard.js';
import { ReplayGuardUnavailableError } from './replay-guard.js';

/**
 * Token ids in an SQLite file of the process's own (the embedded default):
 * kept across restarts of the process. One insert per token, on a
 * connection in WAL mode with synchronous NORMAL: a commit survives the
 * process dying (not a power cut) and costs no fsync on the request path.
 * Expired ids are swept every ten seconds.
 */
export class SqliteReplayGuard implements ReplayGuard {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement<[string, number]>;
  private readonly sweep: Database.Statement<[number]>;
  private sweptAt = 0;

  constructor(
    file: string,
    private readonly clockToleranceS: number,
  ) {
    this.db = new Database(file, { timeout: 250 });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec('CREATE TABLE IF NOT EXISTS replay_guard (id TEXT PRIMARY KEY, expires_at INTEGER NOT NULL) WITHOUT ROWID');
    this.insert = this.db.prepare('INSERT OR IGNORE INTO replay_guard (id, expires_at) VALUES (?, ?)');
    this.sweep = this.db.prepare('DELETE FROM replay_guard WHERE expires_at < ?');
  }

  async firstUse(id: string, exp: number): Promise<boolean> {
    try {
      const now = Date.now();
      if (now - this.sweptAt > 10_000) {
        this.sweep.run(now);
        this.sweptAt = now;
      }
      return this.insert.run(id, (exp + this.clockToleranceS) * 1000).changes === 1;
    } catch (error) {
      throw new ReplayGuardUnavailableError(`replay guard: ${(error as Error).message}`);
    }
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
