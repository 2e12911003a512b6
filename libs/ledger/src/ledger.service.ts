import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { CheckpointSealer } from './checkpoint.sealer.js';
import { signReceipt, type Receipt } from './receipt.js';
import type { LedgerEntry, LedgerPosition } from './ledger-entry.js';
import { LEDGER_OPTIONS, type LedgerOptions } from './ledger.options.js';
import { LedgerWriter } from './ledger.writer.js';
import { LedgerAppender } from './store/ledger.appender.js';
import type { PendingEntry } from './store/ledger-columns.js';

/** How often an unavailable ledger is tried again. */
const PROBE_MS = 1000;

/**
 * The ledger of one gateway process: its own hash chain (named by host,
 * start time and a random suffix), the group-commit writer, the periodic
 * signed checkpoints of the chain head, and the probe that finds the
 * database again after an outage.
 */
@Injectable()
export class LedgerService implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Ledger');
  private readonly writer: LedgerWriter;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly sealer: CheckpointSealer;
  private checkpointing: Promise<number | null> | null = null;
  private readonly checkpointListeners: Array<(number: number) => void> = [];

  constructor(
    private readonly appender: LedgerAppender,
    @Inject(LEDGER_OPTIONS) private readonly options: LedgerOptions,
  ) {
    const chain = `gw-${hostname().slice(0, 32)}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    this.writer = new LedgerWriter(appender, chain, options.commitWindowMs);
    this.sealer = new CheckpointSealer(appender, chain, options);
    // The chain is announced in a checkpoint before its first record; until that succeeds, nothing is committed.
    this.writer.beforeFirstCommit = async () => {
      const number = await this.exclusively(() => this.sealer.announce());
      if (number !== null) for (const listener of this.checkpointListeners) listener(number);
    };
  }

  onModuleInit(): void {
    this.logger.log(`recording exchanges on chain ${this.writer.chain}`);
    this.timers.push(setInterval(() => void this.writer.probe(), PROBE_MS));
    this.timers.push(setInterval(() => void this.checkpoint().catch((error: Error) => this.logger.error(`checkpoint not written: ${error.message}`)), this.options.checkpointMs));
    for (const timer of this.timers) timer.unref();
  }

  /** Once every module has started (and seeded the shared chains), a first checkpoint states every chain there is. */
  onApplicationBootstrap(): void {
    void this.checkpoint().catch((error: Error) => this.logger.error(`first checkpoint not written: ${error.message}`));
  }

  /** A last checkpoint before the database connection closes (Nest runs this before any shutdown hook). */
  async beforeApplicationShutdown(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    // Seal what is still being committed, too.
    await this.writer.drained();
    await this.checkpoint().catch((error: Error) => this.logger.error(`final checkpoint not written: ${error.message}`));
    await this.appender.close();
  }

  /** Resolves once the entry is committed; the caller releases nothing before. */
  append(entry: LedgerEntry, operation: PendingEntry['operation'] = null): Promise<LedgerPosition> {
    return this.writer.append(entry, operation);
  }

  /** Records waiting for their commit on this replica. */
  get queueDepth(): number {
    return this.writer.queueDepth;
  }

  /** Observes each group commit (records in it, transaction seconds), for metrics. */
  observeCommits(listener: (records: number, seconds: number) => void): void {
    this.writer.onCommit = listener;
  }

  get chain(): string {
    return this.writer.chain;
  }

  /** Null while commits succeed; otherwise since when and why they fail. */
  get unavailable(): { since: Date; message: string } | null {
    return this.writer.unavailable;
  }

  /** A signed receipt for a committed record (receipt.ts), for the caller to keep. */
  async receipt(statement: Omit<Receipt, 'issuedAt'>): Promise<string> {
    return signReceipt(statement, await this.options.signer(), this.options.issuer);
  }

  /** Writes the next checkpoint when a chain it states moved (one at a time in this process); its number, or null. */
  async checkpoint(): Promise<number | null> {
    const number = await this.exclusively(() => this.sealer.seal());
    if (number !== null) for (const listener of this.checkpointListeners) listener(number);
    return number;
  }

  /** Told of each checkpoint this replica writes (e.g. to hand it to witnesses). */
  observeCheckpoints(listener: (number: number) => void): void {
    this.checkpointListeners.push(listener);
  }

  private async exclusively(work: () => Promise<number | null>): Promise<number | null> {
    while (this.checkpointing) await this.checkpointing.catch(() => null);
    this.checkpointing = work();
    try {
      return await this.checkpointing;
    } finally {
      this.checkpointing = null;
    }
  }
}
