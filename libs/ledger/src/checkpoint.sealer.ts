import { checkpointHash, signCheckpoint, type CheckpointStatement } from './checkpoint.js';
import type { LedgerPosition } from './ledger-entry.js';
import { GENESIS_HASH } from './ledger-hash.js';
import type { LedgerOptions } from './ledger.options.js';
import type { LedgerAppender } from './store/ledger.appender.js';
import { LedgerReader } from './store/ledger.reader.js';

/** Every this-many checkpoints a replica states every chain it knows, not only its own and the shared ones (a replica that died unsealed is sealed by the others). */
const SWEEP_EVERY = 10;
/** Tries when another replica took the next number at the same moment. */
const ATTEMPTS = 8;

/**
 * Writes the ledger's checkpoints for one replica (checkpoint.ts): the next
 * number after the latest, linked to it, stating each chain whose head
 * moved since the checkpoints last stated it — this replica's chain and the
 * shared chains always, every chain it knows at start and every tenth time.
 */
export class CheckpointSealer {
  private readonly reader: LedgerReader;
  private sealed = 0;

  constructor(
    private readonly appender: LedgerAppender,
    private readonly chain: string,
    private readonly options: Pick<LedgerOptions, 'issuer' | 'signer' | 'sharedChains'>,
  ) {
    this.reader = new LedgerReader(appender.dataSource);
  }

  /** Announces this replica's chain before its first record (and every chain known, so a new ledger is sealed whole at once). */
  async announce(): Promise<number | null> {
    for (let attempt = 1; ; attempt++) {
      const number = await this.seal(true).catch((error: unknown) => {
        if (attempt >= ATTEMPTS) throw error;
        return null;
      });
      // Announced once a checkpoint (this one, or another replica's that got there first) states the chain.
      if ((await this.reader.checkpointedHeads()).has(this.chain)) return number;
      if (attempt >= ATTEMPTS) throw new Error(`chain ${this.chain} could not be announced`);
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80));
    }
  }

  /** Seals what moved; the checkpoint's number, or null when nothing moved or another replica took the number first. */
  async seal(sweep = this.sealed % SWEEP_EVERY === 0): Promise<number | null> {
    const latest = await this.reader.latestCheckpoint();
    const stated = await this.reader.checkpointedHeads();
    const own = [this.chain, ...(this.options.sharedChains ?? [])];
    // A sweep also finds chains no checkpoint has stated yet (a ledger from before linked checkpoints).
    const candidates = new Set(sweep ? [...stated.keys(), ...(await this.reader.chains()), ...own] : own);
    const heads: LedgerPosition[] = [];
    for (const chain of [...candidates].sort()) {
      const head = await this.reader.head(chain);
      if (stated.get(chain)?.seq !== head.seq) heads.push({ chain, seq: head.seq, hash: head.hash });
    }
    this.sealed++;
    if (latest && heads.length === 0) return null;
    const statement: CheckpointStatement = { number: (latest?.number ?? 0) + 1, previous: latest?.hash ?? GENESIS_HASH, heads };
    const signer = await this.options.signer();
    const jws = await signCheckpoint(statement, signer, this.options.issuer);
    const row = { number: statement.number, previousHash: statement.previous, hash: checkpointHash(statement), kid: signer.kid, signedAt: new Date().toISOString(), jws };
    try {
      await this.appender.addCheckpoint(row, heads);
    } catch (error) {
      // Another replica took this number a moment before: not a failure, this replica seals again later.
      if (((await this.reader.latestCheckpoint())?.number ?? 0) >= statement.number) return null;
      throw error;
    }
    return statement.number;
  }
}
