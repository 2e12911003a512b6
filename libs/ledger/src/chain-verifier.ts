import { canonicalJson, GENESIS_HASH, sealCanonical, sealCanonicalBytes } from './ledger-hash.js';
import type { LedgerEntry } from './ledger-entry.js';

/** One stored record as verification reads it. */
export interface StoredRecord {
  chain: string;
  seq: number;
  previousHash: string;
  hash: string;
  /** The content as stored and decoded (canonical JSON text). */
  content: string;
}

export type BreakReason =
  | 'SEQUENCE_GAP'
  | 'PREVIOUS_HASH_MISMATCH'
  | 'HASH_MISMATCH'
  | 'CONTENT_UNREADABLE'
  | 'CONTENT_NOT_CANONICAL'
  | 'INDEX_MISMATCH'
  | 'CHECKPOINT_SIGNATURE'
  | 'CHECKPOINT_MISMATCH'
  | 'CHECKPOINT_RECORD_MISSING'
  | 'CHECKPOINT_SEQUENCE_GAP'
  | 'CHECKPOINT_LINK'
  | 'CHAIN_MISSING'
  | 'CHAIN_UNANNOUNCED'
  | 'WITNESS_AHEAD'
  | 'WITNESS_MISMATCH'
  | 'WITNESS_UNVERIFIABLE'
  | 'TIMESTAMP_INVALID'
  | 'ARCHIVE_MISSING'
  | 'ARCHIVE_MISMATCH';

/** The `chain` of a break found in the sequence of checkpoints itself (its `seq` is then the checkpoint's number). */
export const CHECKPOINTS = '(checkpoints)';

export interface ChainBreak {
  chain: string;
  seq: number;
  reason: BreakReason;
  detail: string;
}

/**
 * Re-computes hash chains record by record, in (chain, seq) order, holding
 * only each chain's last hash: a ledger of any size verifies in constant
 * memory. The first record that does not follow from its predecessor is the
 * break; verification stops there.
 */
export class ChainVerifier {
  private readonly heads = new Map<string, { seq: number; hash: string }>();
  private count = 0;
  private broken: ChainBreak | null = null;
  private lastFollowed: { chain: string; seq: number } | null = null;
  /** Where each chain began when verifying an excerpt (an archive or export) rather than whole chains. */
  readonly anchors = new Map<string, { seq: number; previousHash: string }>();

  /**
   * @param excerpt  true for an export or archive: a chain may begin after
   *   its first record, and its first record's previous hash is taken as
   *   given (reported in `anchors`; checkpoints then vouch for the rest).
   */
  constructor(private readonly excerpt = false) {}

  /** Adds the next record; returns the parsed entry, or null once a break was found. */
  push(record: StoredRecord): LedgerEntry | null {
    if (this.follow(record) === null) return null;
    // Sealed text the writer made is JSON; anything else was not sealed by it.
    try {
      return JSON.parse(record.content) as LedgerEntry;
    } catch {
      this.fail({ chain: record.chain, seq: record.seq, reason: 'CONTENT_UNREADABLE', detail: 'content is not JSON' });
      return null;
    }
  }

  /**
   * Adds the next record without parsing its content (whose sealed text
   * alone may answer what the caller needs, chain.check.ts), given as text
   * or as its UTF-8 bytes: returns the content, or null once a break was found.
   */
  follow<C extends string | Uint8Array>(record: Omit<StoredRecord, 'content'> & { content: C }): C | null {
    if (this.broken) return null;
    // An excerpt that starts at a chain's first record starts from the genesis hash like any chain.
    if (this.excerpt && !this.heads.has(record.chain) && record.seq > 1) {
      this.anchors.set(record.chain, { seq: record.seq, previousHash: record.previousHash });
      this.heads.set(record.chain, { seq: record.seq - 1, hash: record.previousHash });
    }
    const head = this.heads.get(record.chain) ?? { seq: 0, hash: GENESIS_HASH };
    const fail = (reason: BreakReason, detail: string) => {
      this.broken = { chain: record.chain, seq: record.seq, reason, detail };
      return null;
    };
    if (record.seq !== head.seq + 1) return fail('SEQUENCE_GAP', `expected record ${head.seq + 1}, found ${record.seq}: records are missing`);
    if (record.previousHash !== head.hash) return fail('PREVIOUS_HASH_MISMATCH', 'does not follow from the record before it');
    // The seal is over the canonical text the writer stored: the stored text hashing to it is that text, byte for byte
    // (no need to parse or re-canonicalise it). Only a mismatch asks whether the content is not JSON at all, or merely
    // lost its canonical form (the text served to auditors must be exactly what was sealed, not, say, the same JSON with
    // a duplicate key in front).
    const { content } = record;
    const sealed =
      typeof content === 'string' ? sealCanonical(record.previousHash, record.chain, record.seq, content) : sealCanonicalBytes(record.previousHash, record.chain, record.seq, content);
    if (sealed !== record.hash) {
      const text = typeof content === 'string' ? content : Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('utf8');
      let entry: unknown;
      try {
        entry = JSON.parse(text);
      } catch {
        return fail('CONTENT_UNREADABLE', 'content is not JSON');
      }
      const canonical = canonicalJson(entry);
      if (canonical !== text && sealCanonical(record.previousHash, record.chain, record.seq, canonical) === record.hash) {
        return fail('CONTENT_NOT_CANONICAL', 'stored text differs from the sealed content');
      }
      return fail('HASH_MISMATCH', 'content was changed after it was sealed');
    }
    this.heads.set(record.chain, { seq: record.seq, hash: record.hash });
    this.lastFollowed = record;
    this.count++;
    return content;
  }

  /** Starts a chain after records a signed tombstone removed: from the last removed record's seq and hash. */
  resume(chain: string, head: { seq: number; hash: string }): void {
    if (!this.heads.has(chain)) this.heads.set(chain, { seq: head.seq, hash: head.hash });
  }

  /** Takes in a chain verified elsewhere (in stretches, chain-segments.ts): where it ends and how many records it holds. */
  absorb(chain: string, head: { seq: number; hash: string } | null, count: number): void {
    if (head) this.heads.set(chain, { seq: head.seq, hash: head.hash });
    this.count += count;
  }

  /** Marks a break found outside the chain itself (an index column, a checkpoint); a record it followed and finds broken is no longer counted as verified. */
  fail(found: ChainBreak): void {
    if (this.broken) return;
    this.broken = found;
    if (this.lastFollowed?.chain === found.chain && this.lastFollowed.seq === found.seq) this.count--;
  }

  get result(): { verified: number; chains: number; broken: ChainBreak | null } {
    return { verified: this.count, chains: this.heads.size, broken: this.broken };
  }

  head(chain: string): { seq: number; hash: string } | undefined {
    return this.heads.get(chain);
  }

  /** Where each chain verified so far ends. */
  ends(): Record<string, { seq: number; hash: string }> {
    return Object.fromEntries(this.heads);
  }
}
