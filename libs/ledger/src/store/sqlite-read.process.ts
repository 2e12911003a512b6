import { createRequire } from 'node:module';
import { spawn, type ChildProcess } from 'node:child_process';

/** Runs a read statement somewhere and returns its rows: the reader's way to keep reads off the event loop. */
export interface ReadExecutor {
  all(sql: string, parameters: readonly unknown[]): Promise<Array<Record<string, unknown>>>;
}

/** A read stopped at the statement timeout. */
export class ReadTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the read took longer than ${timeoutMs} ms and was stopped`);
  }
}

export interface SqliteReadOptions {
  file: string;
  busyTimeoutMs: number;
  /** The longest one statement may run before its process is stopped. */
  statementTimeoutMs: number;
}

/**
 * The process's code, run with `-e` (no build step of its own, the same
 * text under the compiled gateway and under the tests): a read-only
 * better-sqlite3 connection to the gateway's database file that prepares
 * each statement once and answers its rows; it ends with its parent.
 */
const PROCESS_SOURCE = `
const Database = require(process.env.CAUSEWAY_SQLITE_DRIVER);
const db = new Database(process.env.CAUSEWAY_SQLITE_FILE, { readonly: true, fileMustExist: true, timeout: Number(process.env.CAUSEWAY_SQLITE_BUSY_MS) });
const prepared = new Map();
process.on('disconnect', () => process.exit(0));
process.on('message', ({ id, sql, parameters }) => {
  try {
    let statement = prepared.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      if (prepared.size < 500) prepared.set(sql, statement);
    }
    process.send({ id, rows: statement.all(parameters) });
  } catch (error) {
    process.send({ id, error: { message: String(error && error.message), code: error && error.code } });
  }
});
`;

interface Pending {
  id: number;
  sql: string;
  parameters: readonly unknown[];
  resolve: (rows: Array<Record<string, unknown>>) => void;
  reject: (error: Error) => void;
}

/**
 * People's reads of the embedded ledger — auditors' searches, statistics,
 * exports, verification, owners' usage — in a process of their own.
 *
 * better-sqlite3 is synchronous: on the gateway's thread a search that
 * scanned for seconds held the event loop, and no exchange (not even
 * /health) was answered meanwhile. Here the gateway hands over the SQL the
 * query builder wrote and awaits the rows. One statement runs at a time. A
 * statement that runs past the statement timeout is stopped by killing its
 * process: SQLite's interrupt is not offered by the driver, and a worker
 * thread cannot be stopped while it is inside a native call, so a thread
 * would have kept the runaway statement (and a core) busy. The next read
 * starts a new process. PostgreSQL needs none of this: its statements run
 * in its server processes, bounded by statement_timeout.
 */
export class SqliteReadProcess implements ReadExecutor {
  private child: ChildProcess | null = null;
  private nextId = 0;
  private readonly queue: Pending[] = [];
  private running: { pending: Pending; timer: NodeJS.Timeout } | null = null;

  constructor(private readonly options: SqliteReadOptions) {}

  all(sql: string, parameters: readonly unknown[]): Promise<Array<Record<string, unknown>>> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, sql, parameters: [...parameters], resolve, reject });
      this.next();
    });
  }

  async close(): Promise<void> {
    for (const pending of this.queue.splice(0)) pending.reject(new Error('the ledger read process was closed'));
    if (this.running) this.settle(this.running.pending.id, { error: new Error('the ledger read process was closed') });
    this.kill();
  }

  private next(): void {
    if (this.running) return;
    const pending = this.queue.shift();
    if (!pending) {
      this.idle(true);
      return;
    }
    const child = this.started();
    this.idle(false);
    const timer = setTimeout(() => {
      this.kill();
      this.settle(pending.id, { error: new ReadTimeoutError(this.options.statementTimeoutMs) });
    }, this.options.statementTimeoutMs);
    this.running = { pending, timer };
    child.send({ id: pending.id, sql: pending.sql, parameters: pending.parameters });
  }

  private settle(id: number, outcome: { rows?: Array<Record<string, unknown>>; error?: Error }): void {
    const running = this.running;
    if (!running || running.pending.id !== id) return;
    clearTimeout(running.timer);
    this.running = null;
    if (outcome.error) running.pending.reject(outcome.error);
    else running.pending.resolve(outcome.rows ?? []);
    this.next();
  }

  /** Only a read in flight keeps the gateway's process alive. */
  private idle(idle: boolean): void {
    const child = this.child as (ChildProcess & { channel?: { ref(): void; unref(): void } }) | null;
    if (!child) return;
    if (idle) {
      child.unref();
      child.channel?.unref();
    } else {
      child.ref();
      child.channel?.ref();
    }
  }

  private kill(): void {
    const child = this.child;
    this.child = null;
    child?.kill('SIGKILL');
  }

  private started(): ChildProcess {
    if (this.child) return this.child;
    const child = spawn(process.execPath, ['-e', PROCESS_SOURCE], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      serialization: 'advanced',
      env: {
        CAUSEWAY_SQLITE_DRIVER: createRequire(import.meta.url).resolve('better-sqlite3'),
        CAUSEWAY_SQLITE_FILE: this.options.file,
        CAUSEWAY_SQLITE_BUSY_MS: String(this.options.busyTimeoutMs),
      },
    });
    child.on('message', ({ id, rows, error }: { id: number; rows?: Array<Record<string, unknown>>; error?: { message: string; code?: string } }) => {
      this.settle(id, error ? { error: Object.assign(new Error(error.message), { code: error.code }) } : { rows });
    });
    const fail = (error: Error) => {
      if (this.child !== child) return;
      this.child = null;
      if (this.running) this.settle(this.running.pending.id, { error });
    };
    child.on('error', fail);
    child.on('exit', (code, signal) => fail(new Error(`the ledger read process stopped (${signal ?? `exit code ${code}`})`)));
    this.child = child;
    return child;
  }
}

/** A read process for this database when it is an SQLite file (PostgreSQL and in-memory SQLite: none). */
export function createReadProcess(dataSource: { options: { type: string; database?: unknown; timeout?: number } }, statementTimeoutMs: number): SqliteReadProcess | null {
  const { type, database, timeout } = dataSource.options;
  if (type !== 'better-sqlite3' && type !== 'sqlite') return null;
  if (typeof database !== 'string' || database === ':memory:') return null;
  return new SqliteReadProcess({ file: database, busyTimeoutMs: timeout ?? 250, statementTimeoutMs });
}
