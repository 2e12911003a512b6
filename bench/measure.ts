/** Mean time of one call of `fn`, in microseconds, over at least `minMs` and `minRuns` calls (after a warm-up call). */
export function measure(fn: () => void, options: { minMs?: number; minRuns?: number } = {}): { microseconds: number; runs: number } {
  const minMs = options.minMs ?? 1000;
  const minRuns = options.minRuns ?? 5;
  fn();
  let runs = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  while (runs < minRuns || elapsed < BigInt(minMs) * 1_000_000n) {
    fn();
    runs++;
    elapsed = process.hrtime.bigint() - start;
  }
  return { microseconds: Number(elapsed) / 1000 / runs, runs };
}

export function formatMicros(us: number): string {
  return us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(2)} µs`;
}
