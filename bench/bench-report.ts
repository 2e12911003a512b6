import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '#config';
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

/** Writes the results to bench/results/<date>[-quick][-partial].json (partial and quick runs are not kept: see .gitignore); returns the file. */
export function writeResults(
  rows: readonly Row[],
  settings: { quick: boolean; rounds: number; roundS: number; warmupS: number; connections: number },
  operations: Record<string, string>,
  partial: boolean,
): string {
  const date = new Date().toISOString();
  const resultsDir = join(projectRoot(), 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${date.slice(0, 19).replace(/:/g, '-')}${settings.quick ? '-quick' : ''}${partial ? '-partial' : ''}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ date, quick: settings.quick, node: process.version, rounds: settings.rounds, roundS: settings.roundS, warmupS: settings.warmupS, connections: settings.connections, operations, rows }, null, 2)}\n`,
  );
  return file;
}
