/**
 * Baselines for the ledger-scale benchmark, run in the same process as what
 * they put in proportion: the least work one record costs on this machine,
 * without the database.
 *   - verify floor: inflate a stored content (its stored form, bytes on
 *     both databases), parse its JSON, seal it
 *     again (SHA-256) — what `ledger verify` did for every record before
 *     index commitments (store/index-commitment.ts; a committed record's
 *     JSON is parsed only when its rows differ), kept as it was so that
 *     floors compare across runs;
 *   - fill floor: canonicalise an entry, compress it, seal it — what every
 *     append costs before the database sees a row.
 * Each on one thread, and the verify floor also on `threads` worker threads
 * at once (ledger-floor.worker.ts): what this machine's cores together can
 * do, which is less than the cores times one thread's floor when they share
 * caches, memory bandwidth or a host with other tenants.
 * This machine's speed changes several-fold between sessions; a rate as a
 * share of its floor measured minutes apart compares across them, and the
 * all-threads floor bounds what any verification could reach here.
 */
import { Worker } from 'node:worker_threads';
import { canonicalJson, decodeContent, encodeContentBytes, GENESIS_HASH, sealCanonical, type LedgerEntry } from '#ledger';
import { scaleEntry } from './ledger-scale.records.js';

const SAMPLE = 20_000;
const CHAIN = 'gw-bench-floor';

/** Records per second of `step` over the sample: the best of three passes (the first warms up). */
function rate(step: (i: number) => void): number {
  let best = Infinity;
  for (let pass = 0; pass < 3; pass++) {
    const started = performance.now();
    for (let i = 0; i < SAMPLE; i++) step(i);
    best = Math.min(best, performance.now() - started);
  }
  return Math.round(SAMPLE / (best / 1000));
}

function sample(records: number): LedgerEntry[] {
  return Array.from({ length: SAMPLE }, (_, i) => scaleEntry(Math.floor((i * records) / SAMPLE), records));
}

/** The verify floor on this thread, records/s. */
export function verifyFloor(records: number): number {
  const stored = sample(records).map((entry) => encodeContentBytes(canonicalJson(entry)));
  let sink = 0;
  const perSecond = rate((i) => {
    const text = decodeContent(stored[i]!);
    sink += (JSON.parse(text) as LedgerEntry).kind.length + sealCanonical(GENESIS_HASH, CHAIN, i + 1, text).length;
  });
  // Used, so that no step is optimised away.
  if (sink < 0) throw new Error('unreachable');
  return perSecond;
}

function fillFloor(records: number): number {
  const entries = sample(records);
  let sink = 0;
  const perSecond = rate((i) => {
    const text = canonicalJson(entries[i]!);
    sink += encodeContentBytes(text).length + sealCanonical(GENESIS_HASH, CHAIN, i + 1, text).length;
  });
  if (sink < 0) throw new Error('unreachable');
  return perSecond;
}

/** The verify floor on `threads` worker threads running at the same time: their records/s together. */
async function verifyFloorOnThreads(records: number, threads: number): Promise<number> {
  const workers = Array.from({ length: threads }, () => new Worker(new URL('./ledger-floor.worker.js', import.meta.url), { workerData: { records } }));
  try {
    const rates = await Promise.all(
      workers.map(
        (worker) =>
          new Promise<number>((resolve, reject) => {
            worker
              .once('message', resolve)
              .once('error', reject)
              .once('exit', (code) => reject(new Error(`a floor thread stopped (exit code ${code})`)));
          }),
      ),
    );
    return rates.reduce((sum, one) => sum + one, 0);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

export async function ledgerFloors(records: number, threads: number): Promise<{ verifyPerThread: number; verifyAllThreads: number; fillPerThread: number }> {
  return { verifyPerThread: verifyFloor(records), verifyAllThreads: await verifyFloorOnThreads(records, threads), fillPerThread: fillFloor(records) };
}
