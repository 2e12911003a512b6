import Database from 'better-sqlite3';
import { join } from 'node:path';
import { decodeContent } from '#ledger';

export interface RecordRow {
  chain: string;
  seq: number;
  exchange_id: string;
  decision: string;
  system: string | null;
  /** The canonical JSON (decoded from its stored form). */
  content: string;
  hash: string;
}

/** The ledger records of a gateway's embedded database, read directly (read-only). */
export function ledgerRecords(dataDir: string): RecordRow[] {
  const db = new Database(join(dataDir, 'gateway.sqlite'), { readonly: true });
  try {
    const rows = db.prepare('SELECT chain, seq, exchange_id, decision, system, content, hash FROM ledger_record ORDER BY chain, seq').all() as Array<
      Omit<RecordRow, 'content'> & { content: Buffer }
    >;
    return rows.map((row) => ({ ...row, content: decodeContent(row.content) }));
  } finally {
    db.close();
  }
}

/** The record of one exchange, with its content parsed; throws unless there is exactly one. */
export function recordOf(dataDir: string, exchangeId: string) {
  const rows = ledgerRecords(dataDir).filter((row) => row.exchange_id === exchangeId);
  if (rows.length !== 1) throw new Error(`${rows.length} records for exchange ${exchangeId}`);
  return { ...rows[0]!, entry: JSON.parse(rows[0]!.content) as Record<string, any> };
}

/** The stored text of a recorded operation, by its hash (null when none is stored). */
export function operationDocument(dataDir: string, hash: string): string | null {
  const db = new Database(join(dataDir, 'gateway.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT document FROM ledger_operation WHERE hash = ?').get(hash) as { document: string } | undefined)?.document ?? null;
  } finally {
    db.close();
  }
}
