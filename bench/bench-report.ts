import type { Row } from './run.types.js';

/** The results as a markdown table, each row with its ratios to the bare gateway and the direct bureau measured in the same run. */
export function resultsTable(rows: readonly Row[]): string {
  const baseline = (operation: string) => rows.find((row) => row.target === 'bare @apollo/gateway' && row.operation === operation);
  const direct = rows.find((row) => row.target.startsWith('direct'));
  return [
    '| target | operation | req/s | p50 ms | p99 ms | errors | peak RSS MiB | target CPU µs/req | bureaus CPU µs/req | × bare gateway | × direct bureau |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((row) => {
      const bare = baseline(row.operation);
      const vsBare = bare && !row.target.startsWith('direct') ? (row.requestsPerSecond / bare.requestsPerSecond).toFixed(2) : '';
      const vsDirect = direct && row.operation === direct.operation ? (row.requestsPerSecond / direct.requestsPerSecond).toFixed(2) : '';
      return `| ${row.target} | ${row.operation} | ${row.requestsPerSecond.toFixed(0)} | ${row.p50Ms} | ${row.p99Ms} | ${row.errors} | ${row.peakRssMiB?.toFixed(0) ?? ''} | ${row.targetCpuUs?.toFixed(0) ?? ''} | ${row.bureausCpuUs?.toFixed(0) ?? ''} | ${vsBare} | ${vsDirect} |`;
    }),
  ].join('\n');
}
