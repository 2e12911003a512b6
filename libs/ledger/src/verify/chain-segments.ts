import { ChainVerifier } from '../chain-verifier.js';
import type { LedgerReader } from '../store/ledger.reader.js';
import { verifyChain, WHOLE, type Pruned } from './chain.check.js';

/**
 * Verification of one chain in parallel, stretch by stretch.
 *
 * A hash chain is checked record by record, but each check needs only the
 * record before it: a stretch of seq numbers verifies on its own from the
 * previous hash its first record states, and the stretches join when each
 * one's first record names the hash the stretch before it ended on. So the
 * stretches of a long chain run at once (segment.pool.ts: worker threads,
 * each with its own connection) and are joined here.
 *
 * Any doubt — a break inside a stretch, stretches that do not join, a
 * worker that failed (then every chain) — is settled by verifying that
 * chain again the plain way, one record after another (chain.check.ts): the
 * report of a broken ledger is then exactly the serial one, at exactly its
 * first break.
 */

/** The shortest stretch worth a worker's time (a stretch of this many takes about half a second). */
export const MIN_SEGMENT = 20_000;

/** Below this many records a ledger verifies faster on one thread than it takes workers to start. */
export const PARALLEL_FROM = 100_000;

/** The most workers: each holds a database connection or three (a PostgreSQL server allows 100 by default). */
export const MAX_JOBS = 16;

/** One stretch of one chain to verify. */
export interface SegmentTask {
  chain: string;
  lo: number;
  hi: number;
  /** The chain's first stretch: starts from the genesis hash or, after a pruned head, from its tombstone. */
  first: boolean;
  pruned?: { seq: number; hash: string };
  /** Records of the stretch that signed checkpoints sealed: seq and hash. */
  sealed: Array<[number, string]>;
  /** Derive every record's rows from its content too (chain.check.ts ChainChecks). */
  deep?: boolean;
}

export interface SegmentResult {
  ok: boolean;
  count: number;
  /** Where a later stretch began: its first record's seq and the previous hash it states (null for the first stretch or an empty one). */
  anchor: { seq: number; previousHash: string } | null;
  /** Its last record (null for an empty stretch). */
  last: { seq: number; hash: string } | null;
  /** The seq numbers of the sealed records met, each with the hash the checkpoint sealed. */
  met: number[];
}

/** An error message as it may be told (a worker's, the CLI's): a driver's message may name the database URL, with its password. */
export function withoutUrls(message: string): string {
  return message.replace(/postgres(ql)?:\/\/\S+/g, '<url>');
}

/** Runs stretches somewhere (worker threads in production, in process in tests) and answers their results in the same order. */
export interface SegmentRunner {
  readonly jobs: number;
  run(tasks: readonly SegmentTask[]): Promise<SegmentResult[]>;
}

/** Verifies one stretch (what a worker runs). */
export async function verifySegment(store: LedgerReader, task: SegmentTask, levelRanks: ReadonlyMap<string, number>): Promise<SegmentResult> {
  const verifier = new ChainVerifier(!task.first);
  const expected = new Map(task.sealed.map(([seq, hash]) => [`${task.chain}\u0000${seq}`, hash]));
  const ok = await verifyChain(store, task.chain, verifier, levelRanks, expected, task.first ? task.pruned : undefined, {
    range: { lo: task.lo, hi: task.hi },
    deep: task.deep === true,
  });
  const met = task.sealed.filter(([seq]) => !expected.has(`${task.chain}\u0000${seq}`)).map(([seq]) => seq);
  const count = verifier.result.verified;
  return { ok, count, anchor: verifier.anchors.get(task.chain) ?? null, last: count > 0 ? (verifier.head(task.chain) ?? null) : null, met };
}

/**
 * The stretches of a chain for `jobs` workers: about four per worker, none
 * shorter than `minimum` records; the first from seq 1 and the last to the
 * end, so rows outside the records' own range are still met.
 */
export async function planSegments(store: LedgerReader, chain: string, jobs: number, minimum: number, pruned: Pruned, sealed: ReadonlyArray<[number, string]>): Promise<SegmentTask[]> {
  const bounds = await store.seqBounds(chain);
  const span = bounds ? bounds.hi - bounds.lo + 1 : 0;
  const size = stretchSize(span, jobs, minimum);
  const cuts: Array<{ lo: number; hi: number }> = [];
  for (let lo: number = WHOLE.lo, next = (bounds?.lo ?? WHOLE.lo) + size; ; lo = next, next += size) {
    if (!bounds || next > bounds.hi) {
      cuts.push({ lo, hi: WHOLE.hi });
      break;
    }
    cuts.push({ lo, hi: next - 1 });
  }
  return cuts.map(({ lo, hi }, index) => ({
    chain,
    lo,
    hi,
    first: index === 0,
    ...(index === 0 && pruned ? { pruned: { seq: pruned.seq, hash: pruned.hash } } : {}),
    sealed: sealed.filter(([seq]) => seq >= lo && seq <= hi),
  }));
}

/**
 * Records in each stretch of a chain `span` records long. More stretches
 * than workers come in a multiple of their number, so that the workers end
 * together: 100,000 records for two in stretches of 20,000 would leave one
 * worker three to verify while the other waits after two, so they are four
 * of 25,000 instead (a quarter longer a stretch, a sixth less time).
 */
export function stretchSize(span: number, jobs: number, minimum: number): number {
  const size = Math.max(minimum, Math.ceil(span / (jobs * 4)));
  const count = Math.ceil(span / size);
  if (count <= jobs || count % jobs === 0) return size;
  return Math.ceil(span / (count - (count % jobs)));
}

/** The chain's end and count when its stretches verified and join into one chain; null when anything is in doubt. */
export function joinSegments(results: readonly SegmentResult[]): { last: { seq: number; hash: string } | null; count: number } | null {
  let last: { seq: number; hash: string } | null = null;
  let count = 0;
  for (const [index, result] of results.entries()) {
    if (!result.ok) return null;
    if (result.count === 0) continue;
    if (index > 0) {
      // A later stretch must begin right after the record the chain so far ended on, from its hash.
      if (!last || !result.anchor || result.anchor.seq !== last.seq + 1 || result.anchor.previousHash !== last.hash) return null;
    } else if (result.anchor) {
      return null;
    }
    if (!result.last) return null;
    last = result.last;
    count += result.count;
  }
  return { last, count };
}
