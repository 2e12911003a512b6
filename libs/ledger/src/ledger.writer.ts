import { Logger } from '@nestjs/common';
import type { LedgerEntry, LedgerPosition } from './ledger-entry.js';
import type { LedgerAppender } from './store/ledger.appender.js';
import type { PendingEntry } from './store/ledger-columns.js';

/** Most entries sealed in one transaction. */
const MAX_GROUP = 1000;

export class LedgerUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`the ledger could not commit: ${(cause as Error)?.message ?? String(cause)}`);
  }
}

interface Waiting extends PendingEntry {
  resolve: (position: LedgerPosition) => void;
  reject: (error: Error) => void;
}

/**
 * The one ledger writer of a gateway process. It appends to the process's
 * own hash chain with group commit: entries arriving while a transaction
 * is in flight wait and go together in the next one, so under load one
 * commit seals hundreds of exchanges, and an idle gateway commits each
 * exchange at once. `append` resolves only after the entry's transaction
 * committed; the caller releases nothing before.
 *
 * A failed commit rejects every entry of its group (their exchanges fail
 * with LEDGER_UNAVAILABLE) and marks the ledger unavailable; the chain's
 * head is then re-read from the database before the next group (a commit
 * that failed only in its acknowledgement must not be sealed over twice).
 */
export class LedgerWriter {
  private readonly logger = new Logger('Ledger');
  private readonly queue: Waiting[] = [];
  private head: { seq: number; hash: string } | null = null;
  private flushing = false;
  private failure: { since: Date; message: string } | null = null;

  private windowTimer: NodeJS.Timeout | null = null;
  private lastCommitAt = 0;

  constructor(
    private readonly store: LedgerAppender,
    readonly chain: string,
    /**
     * How long a commit waits for company when the ledger is busy (ms): a
     * short window under load lets a group gather, so fewer commits (each
     * one fsync on SQLite) carry more records. An idle ledger commits at once.
     */
    private readonly windowMs = 0,
  ) {}

  append(entry: LedgerEntry, operation: PendingEntry['operation'] = null): Promise<LedgerPosition> {
    return new Promise((resolve, reject) => {
      this.queue.push({ entry, operation, resolve, reject });
      if (this.flushing || this.windowTimer) return;
      const busy = this.windowMs > 0 && performance.now() - this.lastCommitAt < this.windowMs * 4;
      if (!busy) {
        void this.flush();
        return;
      }
      this.windowTimer = setTimeout(() => {
        this.windowTimer = null;
        if (!this.flushing) void this.flush();
      }, this.windowMs);
    });
  }

  /** Null while commits succeed; otherwise since when and why they fail. */
  get unavailable(): { since: Date; message: string } | null {
    return this.failure;
  }

  /** The last committed record of this gateway's chain (null before the first). */
  get committedHead(): { seq: number; hash: string } | null {
    return this.head && this.head.seq > 0 ? this.head : null;
  }

  /** While unavailable: tries the database and, if it takes writes again, says so. */
  async probe(): Promise<void> {
    if (!this.failure) return;
    try {
      await this.store.probeWritable();
      this.recovered();
    } catch {
      // still down; the failure stays as recorded
    }
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, MAX_GROUP);
        try {
          await this.commit(group);
        } catch (error) {
          this.head = null;
          if (group.length > 1 && isDataError(error)) {
            // One entry the database refuses (a value it cannot store) must not fail its whole group:
            // commit them one by one, so only that entry's exchange is refused.
            for (const waiting of group) await this.commit([waiting]).catch((single: unknown) => this.refuse([waiting], single));
          } else {
            this.refuse(group, error);
          }
        }
      }
    } finally {
      this.flushing = false;
      this.lastCommitAt = performance.now();
    }
  }

  /** Entries waiting for a commit (not counting the group being committed). */
  get queueDepth(): number {
    return this.queue.length;
  }

  /** Told of each committed group: how many records, and how long its transaction took. */
  onCommit: ((records: number, seconds: number) => void) | null = null;

  /**
   * Runs once before the chain's first record (and again after a failure):
   * the service announces the chain in a checkpoint, so that a chain with
   * records and no announcement is evidence of records added by someone else.
   */
  beforeFirstCommit: (() => Promise<void>) | null = null;
  private announced = false;

  private async commit(group: Waiting[]): Promise<void> {
    if (!this.announced && this.beforeFirstCommit) {
      await this.beforeFirstCommit();
      this.announced = true;
    }
    this.head ??= await this.store.head(this.chain);
    const started = performance.now();
    const positions = await this.store.append(this.chain, this.head, group);
    this.onCommit?.(group.length, (performance.now() - started) / 1000);
    this.head = positions[positions.length - 1]!;
    this.recovered();
    group.forEach((waiting, i) => waiting.resolve(positions[i]!));
  }

  private refuse(group: readonly Waiting[], error: unknown): void {
    this.head = null;
    if (isDataError(error)) {
      this.logger.error(`ledger refused an entry the database cannot store; its exchange is refused: ${(error as Error).message}`);
    } else {
      if (!this.failure) this.logger.error(`LEDGER UNAVAILABLE: exchanges are refused until it commits again: ${(error as Error).message}`);
      this.failure ??= { since: new Date(), message: (error as Error).message };
    }
    const unavailable = new LedgerUnavailableError(error);
    for (const waiting of group) waiting.reject(unavailable);
  }

  /** Resolves once everything appended so far is committed or refused. */
  async drained(): Promise<void> {
    while (this.flushing || this.queue.length > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  private recovered(): void {
    if (!this.failure) return;
    this.logger.log(`ledger available again (down since ${this.failure.since.toISOString()})`);
    this.failure = null;
  }
}

/**
 * An error about the data, not the database: PostgreSQL SQLSTATE classes 22
 * (data exception: too long, bad encoding) and 23 (integrity constraint),
 * SQLite constraint and size errors. Such an error is the entry's, not an
 * outage.
 */
function isDataError(error: unknown): boolean {
  const code = String((error as { code?: unknown })?.code ?? (error as { driverError?: { code?: unknown } })?.driverError?.code ?? '');
  return /^2[23]/.test(code) || code.startsWith('SQLITE_CONSTRAINT') || code === 'SQLITE_TOOBIG' || code === 'SQLITE_MISMATCH';
}
