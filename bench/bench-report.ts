import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '#config';
import type { Row } from './run.types.js';

/** The Hive Gateway targets that fetch per caller (merging off): peers of the comparison that counts. */
export const HIVE_PEERS = ['Hive Gateway (merging off)', 'Hive Gateway + Rust planner (merging off)'] as const;
/** The gateways a user would pick instead of Causeway, each fetching per caller. */
export const PER_CALLER_PEERS: readonly string[] = ['bare @apollo/gateway', ...HIVE_PEERS];

/** The per-caller peer that served the operation fastest in this run. */
export function fastestPeer(rows: readonly Row[], operation: string): Row | undefined {
  return rows.filter((row) => row.operation === operation && PER_CALLER_PEERS.includes(row.target)).sort((a, b) => b.requestsPerSecond - a.requestsPerSecond)[0];
}

/** Each row with its ratios to the bare gateway, the fastest per-caller peer and the direct bureau measured in the same run (null where there is none). */
export function withRatios(rows: readonly Row[]): Array<Row & { vsBare: number | null; vsFastestPeer: number | null; fastestPeer: string | null; vsDirect: number | null }> {
  const direct = rows.find((row) => row.target.startsWith('direct'));
  return rows.map((row) => {
    const bare = rows.find((other) => other.target === 'bare @apollo/gateway' && other.operation === row.operation);
    const peer = fastestPeer(rows, row.operation);
    const gateway = !row.target.startsWith('direct');
    return {
      ...row,
      vsBare: bare && gateway ? row.requestsPerSecond / bare.requestsPerSecond : null,
      vsFastestPeer: peer && gateway ? row.requestsPerSecond / peer.requestsPerSecond : null,
      fastestPeer: peer?.target ?? null,
      vsDirect: direct && row.operation === direct.operation ? row.requestsPerSecond / direct.requestsPerSecond : null,
    };
  });
}

/** The results as a markdown table, each row with its ratios (withRatios). */
export function resultsTable(rows: readonly Row[]): string {
  const ratio = (value: number | null) => (value === null ? '' : value.toFixed(2));
  return [
    '| target | operation | req/s | p50 ms | p99 ms | errors | peak RSS MiB | target CPU µs/req | bureaus CPU µs/req | × bare gateway | × fastest per-caller peer | × direct bureau |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...withRatios(rows).map(
      (row) =>
        `| ${row.target} | ${row.operation} | ${row.requestsPerSecond.toFixed(0)} | ${row.p50Ms} | ${row.p99Ms} | ${row.errors} | ${row.peakRssMiB?.toFixed(0) ?? ''} | ${row.targetCpuUs?.toFixed(0) ?? ''} | ${row.bureausCpuUs?.toFixed(0) ?? ''} | ${ratio(row.vsBare)} | ${ratio(row.vsFastestPeer)} | ${ratio(row.vsDirect)} |`,
    ),
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
    `${JSON.stringify({ date, quick: settings.quick, node: process.version, rounds: settings.rounds, roundS: settings.roundS, warmupS: settings.warmupS, connections: settings.connections, operations, rows: withRatios(rows) }, null, 2)}\n`,
  );
  return file;
}
