import type { CryptoKey } from 'jose';

/** What the ledger of one gateway process needs to know. */
export interface LedgerOptions {
  /** How often the head of this process's chain is signed into a checkpoint (when it moved). */
  checkpointMs: number;
  /** How long a commit under load waits for more records (ms). */
  commitWindowMs: number;
  /** `iss` of the signed checkpoints. */
  issuer: string;
  /** Level name → rank, for the searchable level column of field rows. */
  levelRanks: ReadonlyMap<string, number>;
  /** Chains every replica writes to under a lock of its own (e.g. the governance chain): stated in every checkpoint this replica signs. */
  sharedChains?: readonly string[];
  /** The key that signs checkpoints now. */
  signer: () => Promise<{ kid: string; key: CryptoKey }>;
}

/** Injection token for the ledger's options. */
export const LEDGER_OPTIONS = Symbol('LEDGER_OPTIONS');
