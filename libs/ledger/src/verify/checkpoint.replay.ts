import type { JSONWebKeySet } from 'jose';
import { CHECKPOINTS, type ChainBreak } from '../chain-verifier.js';
import { checkpointHash, verifyCheckpoint } from '../checkpoint.js';
import type { LedgerPosition } from '../ledger-entry.js';
import { canonicalJson, GENESIS_HASH } from '../ledger-hash.js';

/** A checkpoint as stored (a row) or exported (a line). */
export interface CheckpointRow {
  number: number;
  previousHash: string;
  hash: string;
  jws: string;
}

/**
 * Replays the sequence of checkpoints from number 1: each one signed by a
 * trusted key, saying what its row says, numbered after the one before and
 * linked to its hash, and never stating a chain behind where an earlier one
 * left it. What the sequence states accumulates: every chain announced, and
 * every record sealed (chain, seq → hash and the checkpoint that sealed it).
 */
export class CheckpointReplay {
  readonly announced = new Set<string>();
  readonly sealed = new Map<string, { hash: string; number: number }>();
  /** Per chain, where tombstones say its records were removed up to (archived first), and by which checkpoint. */
  readonly pruned = new Map<string, { seq: number; hash: string; number: number; archive: string }>();
  /** Every removal every tombstone signed, in order. */
  readonly tombstones: Array<{ number: number; chain: string; seq: number; hash: string; archive: string }> = [];
  private readonly reached = new Map<string, number>();
  private last: { number: number; hash: string } | null = null;
  count = 0;

  constructor(private readonly trustedKeys: JSONWebKeySet) {}

  /** The next checkpoint, with the head rows stored for it when there are any; the break it shows, or null. */
  async push(row: CheckpointRow, headRows?: readonly LedgerPosition[]): Promise<ChainBreak | null> {
    const expected = (this.last?.number ?? 0) + 1;
    const at = (reason: ChainBreak['reason'], detail: string, number = row.number): ChainBreak => ({ chain: CHECKPOINTS, seq: number, reason, detail });
    if (row.number !== expected) return at('CHECKPOINT_SEQUENCE_GAP', `checkpoint ${expected} is missing (the next one is ${row.number}): checkpoints were removed`, expected);
    let statement;
    try {
      statement = await verifyCheckpoint(row.jws, this.trustedKeys);
    } catch (error) {
      return at('CHECKPOINT_SIGNATURE', `checkpoint signature does not verify with the trusted keys: ${(error as Error).message}`);
    }
    if (statement.number !== row.number || statement.previous !== row.previousHash || checkpointHash(statement) !== row.hash) {
      return at('CHECKPOINT_MISMATCH', 'the signed checkpoint says otherwise than its row');
    }
    if (statement.previous !== (this.last?.hash ?? GENESIS_HASH)) return at('CHECKPOINT_LINK', `does not follow from checkpoint ${row.number - 1}: the sequence was rewritten`);
    if (headRows && canonicalJson(sorted(headRows)) !== canonicalJson(sorted(statement.heads))) {
      return at('INDEX_MISMATCH', 'the stored head rows differ from the heads the checkpoint signed');
    }
    const tombstone = this.prune(row.number, statement.pruned ?? [], statement.archive ?? '');
    if (tombstone) return at('CHECKPOINT_MISMATCH', tombstone);
    for (const head of statement.heads) {
      if ((this.reached.get(head.chain) ?? -1) > head.seq) return at('CHECKPOINT_MISMATCH', `states chain ${head.chain} at ${head.seq}, behind an earlier checkpoint`);
      this.reached.set(head.chain, head.seq);
      this.announced.add(head.chain);
      if (head.seq > 0) this.sealed.set(`${head.chain}\u0000${head.seq}`, { hash: head.hash, number: row.number });
    }
    this.last = { number: row.number, hash: row.hash };
    this.count++;
    return null;
  }

  /**
   * A tombstone's removals: only records the sequence already sealed, never
   * behind an earlier tombstone, each at the hash it was sealed with where a
   * checkpoint stated it. The records removed are no longer expected.
   */
  private prune(number: number, pruned: readonly LedgerPosition[], archive: string): string | null {
    for (const cut of pruned) {
      if ((this.reached.get(cut.chain) ?? 0) < cut.seq) return `removes records of chain ${cut.chain} up to ${cut.seq}, beyond what checkpoints sealed`;
      if ((this.pruned.get(cut.chain)?.seq ?? 0) >= cut.seq) return `removes records of chain ${cut.chain} up to ${cut.seq}, behind an earlier tombstone`;
      const sealed = this.sealed.get(`${cut.chain}\u0000${cut.seq}`);
      if (sealed && sealed.hash !== cut.hash) return `removes record ${cut.seq} of chain ${cut.chain} under another hash than it was sealed with`;
      for (const key of [...this.sealed.keys()]) {
        const [chain, seq] = key.split('\u0000') as [string, string];
        if (chain === cut.chain && Number(seq) <= cut.seq) this.sealed.delete(key);
      }
      this.pruned.set(cut.chain, { seq: cut.seq, hash: cut.hash, number, archive });
      this.tombstones.push({ number, chain: cut.chain, seq: cut.seq, hash: cut.hash, archive });
    }
    return null;
  }

  /** Where the checkpoints left each chain. */
  reachedOf(chain: string): number | undefined {
    return this.reached.get(chain);
  }
}

function sorted(heads: readonly LedgerPosition[]): LedgerPosition[] {
  return [...heads].map(({ chain, seq, hash }) => ({ chain, seq, hash })).sort((a, b) => (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0));
}
