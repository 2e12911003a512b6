import Database from 'better-sqlite3';
import { join } from 'node:path';

/**
 * Writes `count` plain exchange records (and their field rows: two fields, of one or two owners) on a
 * chain of their own straight into a gateway's SQLite ledger, the way a
 * busy year would have left it: enough for a person's read to take a while.
 * Not sealed: a test that fills a ledger this way does not verify it.
 */
export function fillLedger(dataDir: string, count: number, chain = 'filler'): void {
  const db = new Database(join(dataDir, 'gateway.sqlite'), { timeout: 10_000 });
  try {
    const record = db.prepare(
      `INSERT INTO ledger_record (chain, seq, exchange_id, kind, started_at, system, department, purpose, decision, max_level_rank, trace_id, operation_hash, previous_hash, hash, content)
       VALUES (?, ?, ?, 'exchange', ?, ?, ?, 'subsidy-eligibility', ?, 2, NULL, NULL, ?, ?, '{}')`,
    );
    const field = db.prepare(`INSERT INTO ledger_field (chain, seq, owner, started_at, grade, fields) VALUES (?, ?, ?, ?, ?, ?)`);
    const hash = '0'.repeat(64);
    db.transaction(() => {
      for (let seq = 1; seq <= count; seq++) {
        const startedAt = new Date(Date.UTC(2025, 0, 1) + seq * 60_000).toISOString();
        const department = `department-${seq % 7}`;
        record.run(chain, seq, `${chain}-${seq}`, startedAt, `${department}.system-${seq % 3}`, department, seq % 10 ? 'ALLOWED' : 'PARTIAL', hash, hash);
        const first = `Person.field${seq % 11} 2 ${seq % 10 ? 'served' : 'denied'}`;
        const second = `Enterprise.field${seq % 13} 2 masked`;
        if (seq % 5 === seq % 4) field.run(chain, seq, `owner-${seq % 5}`, startedAt, 2, `${first},${second}`);
        else {
          field.run(chain, seq, `owner-${seq % 5}`, startedAt, seq % 10 ? 2 : -1, first);
          field.run(chain, seq, `owner-${seq % 4}`, startedAt, 2, second);
        }
      }
    })();
  } finally {
    db.close();
  }
}
