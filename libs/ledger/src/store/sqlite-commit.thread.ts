import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** One group of rows for the ledger tables, as bound parameters in column order. */
export interface SqliteGroup {
  operations: unknown[][];
  records: unknown[][];
  fields: unknown[][];
  subjects: unknown[][];
  /** Per rollup table (SqliteCommitOptions.rollups), the rows that add to it. */
  rollups: unknown[][][];
}

export interface SqliteCommitOptions {
  file: string;
  busyTimeoutMs: number;
  operationColumns: readonly string[];
  recordColumns: readonly string[];
  fieldColumns: readonly string[];
  subjectColumns: readonly string[];
  /** The statistics rollups: each table's columns and what follows its INSERT (the upsert that adds to a row). */
  rollups: ReadonlyArray<{ table: string; columns: readonly string[]; tail: string }>;
}

/**
 * The thread's code, run with `eval` so that it needs no build step of its
 * own (the same text runs under the compiled gateway and under the tests).
 * It holds its own better-sqlite3 connection to the gateway's database file
 * and commits each group in one IMMEDIATE transaction of statements
 * prepared once.
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: workerData.busyTimeoutMs });
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
const insert = (verb, table, columns, tail = '') =>
  db.prepare(verb + ' INTO "' + table + '"' + (tail ? ' AS t' : '') + ' (' + columns.map((c) => '"' + c + '"').join(', ') + ') VALUES (' + columns.map(() => '?').join(', ') + ') ' + tail);
const operation = insert('INSERT OR IGNORE', 'ledger_operation', workerData.operationColumns);
const record = insert('INSERT', 'ledger_record', workerData.recordColumns);
const field = insert('INSERT', 'ledger_field', workerData.fieldColumns);
const subject = insert('INSERT', 'ledger_subject', workerData.subjectColumns);
const rollups = workerData.rollups.map(({ table, columns, tail }) => insert('INSERT', table, columns, tail));
const commit = db.transaction((group) => {
  for (const row of group.operations) operation.run(row);
  for (const row of group.records) record.run(row);
  for (const row of group.fields) field.run(row);
  for (const row of group.subjects) subject.run(row);
  group.rollups.forEach((rows, i) => rows.forEach((row) => rollups[i].run(row)));
});
parentPort.on('message', ({ id, group }) => {
  try {
    commit.immediate(group);
    parentPort.postMessage({ id });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error && error.message), code: error && error.code } });
  }
});
`;

/**
 * Commits ledger groups to SQLite on a thread of their own.
 *
 * better-sqlite3 is synchronous, so on the gateway's thread every commit —
 * its inserts and the fsync that makes it durable — held the event loop
 * that serves exchanges. Here the gateway only hands over the rows and
 * awaits the answer; the commit is as durable as before (WAL, synchronous
 * FULL) and still happens before any data is released. This is the
 * embedded equivalent of what PostgreSQL's own server processes do for
 * the production ledger; it is not a second request-serving worker.
 */
export class SqliteCommitThread {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();

  constructor(private readonly options: SqliteCommitOptions) {}

  commit(group: SqliteGroup): Promise<void> {
    const worker = this.started();
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Only a commit in flight keeps the process alive.
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ id, group });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(THREAD_SOURCE, {
      eval: true,
      workerData: { ...this.options, driver: createRequire(import.meta.url).resolve('better-sqlite3') },
    });
    worker.unref();
    worker.on('message', ({ id, error }: { id: number; error?: { message: string; code?: string } }) => {
      const waiting = this.pending.get(id);
      this.pending.delete(id);
      if (this.pending.size === 0) worker.unref();
      if (!waiting) return;
      if (error) waiting.reject(Object.assign(new Error(error.message), { code: error.code }));
      else waiting.resolve();
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the ledger commit thread stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}
