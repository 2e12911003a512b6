/**
 * Baselines for the ledger-scale benchmark, run in the same process as what
 * they put in proportion: the least work one record costs on this machine,
 * one thread, without the database.
 *   - verify floor: inflate a stored content, parse its JSON, seal it again
 *     (SHA-256) — what `ledger verify` cannot skip for any record;
 *   - fill floor: canonicalise an entry, compress it, seal it — what every
 *     append costs before the database sees a row.
 * This machine's speed changes several-fold between sessions; a rate as a
 * share of its floor measured minutes apart compares across them, and the
 * floor times the cores bounds what any verification could reach here.
 */
import { canonicalJson, decodeContent, encodeContent, GENESIS_HASH, sealCanonical, type LedgerEntry } from '#ledger';
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

export function ledgerFloors(records: number): { verifyPerThread: number; fillPerThread: number } {
  const entries = Array.from({ length: SAMPLE }, (_, i) => scaleEntry(Math.floor((i * records) / SAMPLE), records));
  const stored = entries.map((entry) => encodeContent(canonicalJson(entry)));
  let sink = 0;
  const verifyPerThread = rate((i) => {
    const text = decodeContent(stored[i]!);
    sink += (JSON.parse(text) as LedgerEntry).kind.length + sealCanonical(GENESIS_HASH, CHAIN, i + 1, text).length;
  });
  const fillPerThread = rate((i) => {
    const text = canonicalJson(entries[i]!);
    sink += encodeContent(text).length + sealCanonical(GENESIS_HASH, CHAIN, i + 1, text).length;
  });
  // Used, so that no step is optimised away.
  if (sink < 0) throw new Error('unreachable');
  return { verifyPerThread, fillPerThread };
}
