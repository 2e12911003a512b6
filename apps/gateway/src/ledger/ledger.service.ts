import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { DataSource } from 'typeorm';
import { GatewayKeystore } from '#exchange-token';
import { signCheckpoint, type LedgerEntry, type LedgerPosition } from '#ledger';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { LedgerStore, type PendingEntry } from './ledger.store.js';
import { LedgerWriter } from './ledger.writer.js';

/** How often an unavailable ledger is tried again. */
const PROBE_MS = 1000;

/**
 * The gateway's ledger: its own hash chain (one per gateway process, named
 * by host, start time and a random suffix), the group-commit writer, the
 * periodic signed checkpoints of the chain head, and the probe that finds
 * the database again after an outage.
 */
@Injectable()
export class LedgerService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('Ledger');
  readonly store: LedgerStore;
  readonly writer: LedgerWriter;
  private readonly timers: NodeJS.Timeout[] = [];
  private checkpointed = 0;
  private checkpointing: Promise<LedgerPosition | null> | null = null;

  constructor(
    dataSource: DataSource,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly keystore: GatewayKeystore,
  ) {
    this.store = new LedgerStore(dataSource, new Map(config.policies.scheme.levels.map((level) => [level.name, level.rank])));
    const chain = `gw-${hostname().slice(0, 32)}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    this.writer = new LedgerWriter(this.store, chain, config.ledger.commitWindowMs ?? (config.database.type === 'sqlite' ? 4 : 0));
  }

  onModuleInit(): void {
    this.logger.log(`recording exchanges on chain ${this.writer.chain}`);
    this.timers.push(setInterval(() => void this.writer.probe(), PROBE_MS));
    this.timers.push(setInterval(() => void this.checkpoint().catch((error: Error) => this.logger.error(`checkpoint not written: ${error.message}`)), this.config.ledger.checkpointMs));
    for (const timer of this.timers) timer.unref();
  }

  /** A last checkpoint before the database connection closes (Nest runs this before any shutdown hook). */
  async beforeApplicationShutdown(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    // Seal what is still being committed, too.
    await this.writer.drained();
    await this.checkpoint().catch((error: Error) => this.logger.error(`final checkpoint not written: ${error.message}`));
    await this.store.close();
  }

  append(entry: LedgerEntry, operation: PendingEntry['operation'] = null): Promise<LedgerPosition> {
    return this.writer.append(entry, operation);
  }

  get chain(): string {
    return this.writer.chain;
  }

  /** Signs the chain head into a checkpoint, when it moved since the last one (one at a time). */
  async checkpoint(): Promise<LedgerPosition | null> {
    while (this.checkpointing) await this.checkpointing.catch(() => null);
    this.checkpointing = this.signHead();
    try {
      return await this.checkpointing;
    } finally {
      this.checkpointing = null;
    }
  }

  private async signHead(): Promise<LedgerPosition | null> {
    const head = this.writer.committedHead;
    if (!head || head.seq <= this.checkpointed) return null;
    const position = { chain: this.writer.chain, seq: head.seq, hash: head.hash };
    const signer = await this.keystore.current();
    const jws = await signCheckpoint(position, signer, this.config.issuer);
    await this.store.addCheckpoint({ ...position, kid: signer.kid, signedAt: new Date().toISOString(), jws });
    this.checkpointed = head.seq;
    return position;
  }
}
