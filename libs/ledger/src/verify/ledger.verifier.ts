import type { JSONWebKeySet } from 'jose';
import { ChainVerifier, CHECKPOINTS, type ChainBreak } from '../chain-verifier.js';
import { canonicalJson } from '../ledger-hash.js';
import type { LedgerPosition } from '../ledger-entry.js';
import type { LedgerReader } from '../store/ledger.reader.js';
import { verifyChain, WHOLE } from './chain.check.js';
import { joinSegments, planSegments, type SegmentResult, type SegmentRunner, type SegmentTask } from './chain-segments.js';
import { CheckpointReplay } from './checkpoint.replay.js';

export interface VerificationReport {
  ok: boolean;
  /** Records whose chain, index columns and field rows verified. */
  verified: number;
  chains: number;
  checkpoints: number;
  broken: ChainBreak | null;
}

/**
 * Re-computes every chain of the ledger and replays its checkpoints:
 *   - the checkpoints form one unbroken, signed, linked sequence from
 *     number 1 (a removed or rewritten checkpoint is found at its number);
 *   - each record follows from the one before it (sequence, previous hash)
 *     and its content still hashes to its seal;
 *   - its searchable columns, field and data-subject rows are those it
 *     sealed with its content (its index commitment; else a record could be
 *     hidden from searches without touching the seal), and `deep`, also
 *     those its content gives (chain.check.ts ChainChecks);
 *   - every record a checkpoint sealed is there with that hash (a chain cut
 *     behind a checkpoint, or removed whole, is found), and every chain with
 *     records was announced by a checkpoint before its first record.
 * Records are read in key order, page by page.
 *
 * `deep`: derive every record's rows from its content as well, with
 * `levelRanks` (the catalog's ranks when the records were written).
 *
 * `only`: verify these chains alone (with every checkpoint), so that
 * processes verifying different chains together verify the whole ledger in
 * parallel (`causeway ledger chains | xargs -P N …`); the checks that span
 * chains (a chain no checkpoint announced, rows of a chain without records)
 * are then made for these chains.
 *
 * `parallel`: verify each chain in stretches on these workers at once
 * (chain-segments.ts), stretches no shorter than `minimum` records; the
 * report is the same as without. Workers that fail are told to `failed`
 * (the ledger is then verified on this thread, with the same report).
 */
export async function verifyLedger(
  store: LedgerReader,
  trustedKeys: JSONWebKeySet,
  levelRanks: ReadonlyMap<string, number>,
  { only = null, parallel = null, deep = false }: VerifyOptions = {},
): Promise<VerificationReport> {
  const chosen = (chain: string) => only === null || only.includes(chain);
  const verifier = new ChainVerifier();
  const replay = new CheckpointReplay(trustedKeys);
  const checkpoints = await store.checkpoints();
  const headRows = new Map<number, LedgerPosition[]>();
  for (const row of await store.checkpointHeads()) headRows.set(row.number, [...(headRows.get(row.number) ?? []), row]);
  for (const checkpoint of checkpoints) {
    const broken = await replay.push(checkpoint, headRows.get(checkpoint.number) ?? []);
    if (broken) return report(verifier, replay.count, broken);
    headRows.delete(checkpoint.number);
  }
  // The rows that let records be removed must be exactly the removals tombstones signed.
  const stored = (await store.prunedRows()).map(({ number, chain, seq, hash, archive }) => ({ number, chain, seq, hash, archive }));
  if (canonicalJson(stored.sort(byPlace)) !== canonicalJson([...replay.tombstones].sort(byPlace))) {
    return report(verifier, replay.count, { chain: CHECKPOINTS, seq: 0, reason: 'INDEX_MISMATCH', detail: 'the stored tombstone rows differ from the tombstones the checkpoints signed' });
  }
  const [stray] = headRows.keys();
  if (stray !== undefined) return report(verifier, replay.count, { chain: CHECKPOINTS, seq: stray, reason: 'INDEX_MISMATCH', detail: 'head rows of a checkpoint that does not exist' });
  const expected = new Map([...replay.sealed].filter(([key]) => chosen(key.split('\u0000')[0]!)).map(([key, { hash }]) => [key, hash]));
  const recordChains = (await store.chains()).filter(chosen);
  const joined = parallel ? await verifyInStretches(store, recordChains, { ...parallel, deep }, expected, replay) : new Map<string, Joined>();
  // Chain by chain, so records and field rows meet on seq numbers alone (no string collation involved).
  for (const chain of recordChains) {
    const foreign = replay.announced.has(chain)
      ? await numberedOutside(store, chain)
      : { chain, seq: 1, reason: 'CHAIN_UNANNOUNCED' as const, detail: 'a chain no checkpoint announced: its records were not written by a gateway' };
    if (foreign) {
      verifier.fail(foreign);
      break;
    }
    const stretches = joined.get(chain);
    if (stretches) {
      verifier.absorb(chain, stretches.last, stretches.count);
      for (const seq of stretches.met) expected.delete(`${chain}\u0000${seq}`);
    } else if (!(await verifyChain(store, chain, verifier, levelRanks, expected, replay.pruned.get(chain), { deep }))) {
      break;
    }
  }
  if (!verifier.result.broken) {
    for (const table of ['ledger_field', 'ledger_subject'] as const) {
      const orphan = (await store.chains(table)).find((chain) => chosen(chain) && !recordChains.includes(chain));
      if (orphan) {
        verifier.fail({ chain: orphan, seq: 0, reason: 'INDEX_MISMATCH', detail: `${table === 'ledger_field' ? 'field' : 'data-subject'} rows of a chain that has no records` });
        break;
      }
    }
  }
  if (!verifier.result.broken) {
    const missing = unmet(expected, replay, (chain) => verifier.head(chain)?.seq);
    if (missing) verifier.fail(missing);
  }
  return report(verifier, replay.count, null);
}

/** The first sealed record never reached: its whole chain removed, or the chain cut after it was sealed. */
export function unmet(expected: ReadonlyMap<string, string>, replay: CheckpointReplay, endOf: (chain: string) => number | undefined): ChainBreak | null {
  const [key] = expected.keys();
  if (key === undefined) return null;
  const [chain, seqText] = key.split('\u0000') as [string, string];
  const seq = Number(seqText);
  const by = replay.sealed.get(key)!.number;
  const end = endOf(chain);
  if (end === undefined) return { chain, seq, reason: 'CHAIN_MISSING', detail: `checkpoint ${by} sealed this chain up to record ${seq}; it has no records: the chain was removed` };
  return { chain, seq, reason: 'CHECKPOINT_RECORD_MISSING', detail: `checkpoint ${by} sealed record ${seq}, the chain ends at ${end}: records were removed` };
}

/**
 * A row of the chain numbered outside 1 … WHOLE_CHAIN: no record links it
 * and no read of the chain by its numbers meets it, yet searches would
 * show it. Only a hand in the database puts it there.
 */
async function numberedOutside(store: LedgerReader, chain: string): Promise<ChainBreak | null> {
  for (const [table, kind] of [
    ['ledger_record', 'record'],
    ['ledger_field', 'field row'],
    ['ledger_subject', 'data-subject row'],
  ] as const) {
    const bounds = await store.seqBounds(chain, table);
    const seq = bounds && (bounds.lo < WHOLE.lo ? bounds.lo : bounds.hi > WHOLE.hi ? bounds.hi : null);
    if (seq !== null && seq !== undefined) {
      return { chain, seq, reason: 'SEQUENCE_GAP', detail: `a ${kind} numbered ${seq}, outside every chain's numbering (${WHOLE.lo} to ${WHOLE.hi}): not written by a gateway` };
    }
  }
  return null;
}

type Joined = { last: { seq: number; hash: string } | null; count: number; met: number[] };

type Parallel = { runner: SegmentRunner; minimum: number; failed?: (error: Error) => void };

/** What verifyLedger verifies beyond the whole ledger, and how. */
export interface VerifyOptions {
  only?: readonly string[] | null;
  parallel?: Parallel | null;
  deep?: boolean;
}

/** Each chain verified in stretches on the workers; the chains whose stretches verified and joined (the others are verified again serially). */
async function verifyInStretches(
  store: LedgerReader,
  chains: readonly string[],
  parallel: Parallel & { deep: boolean },
  expected: ReadonlyMap<string, string>,
  replay: CheckpointReplay,
): Promise<Map<string, Joined>> {
  const sealed = new Map<string, Array<[number, string]>>();
  for (const [key, hash] of expected) {
    const [chain, seq] = key.split('\u0000') as [string, string];
    const ofChain = sealed.get(chain);
    if (ofChain) ofChain.push([Number(seq), hash]);
    else sealed.set(chain, [[Number(seq), hash]]);
  }
  const plans: SegmentTask[][] = [];
  for (const chain of chains) {
    const plan = await planSegments(store, chain, parallel.runner.jobs, parallel.minimum, replay.pruned.get(chain), sealed.get(chain) ?? []);
    plans.push(parallel.deep ? plan.map((task) => ({ ...task, deep: true })) : plan);
  }
  let results: SegmentResult[];
  try {
    results = await parallel.runner.run(plans.flat());
  } catch (error) {
    // A worker that failed (its database connection, its memory) proves nothing either way: every chain is verified here.
    parallel.failed?.(error instanceof Error ? error : new Error(String(error)));
    return new Map();
  }
  const joined = new Map<string, Joined>();
  let at = 0;
  for (const [index, plan] of plans.entries()) {
    const mine = results.slice(at, at + plan.length);
    at += plan.length;
    const chain = joinSegments(mine);
    if (chain) joined.set(chains[index]!, { ...chain, met: mine.flatMap((result) => result.met) });
  }
  return joined;
}

function byPlace(a: { number: number; chain: string }, b: { number: number; chain: string }): number {
  return a.number - b.number || (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0);
}

function report(verifier: ChainVerifier, checkpoints: number, broken: ChainBreak | null): VerificationReport {
  if (broken) verifier.fail(broken);
  const result = verifier.result;
  return { ok: result.broken === null, verified: result.verified, chains: result.chains, checkpoints, broken: result.broken };
}
