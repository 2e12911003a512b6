import type { Operation } from './bench-operations.js';
import type { BenchProcess } from './bench-processes.js';

/** One measured row of the results: a target under one operation. */
export interface Row {
  target: string;
  operation: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  peakRssMiB: number | null;
  /** CPU time per valid request: the target process, and the four bureaus together (µs). */
  targetCpuUs: number | null;
  bureausCpuUs: number | null;
}

/** Something loaded: a running process, where to send requests, with what tokens, for which operations. */
export interface Target {
  label: string;
  process: BenchProcess;
  url: string;
  operations: Operation[];
  /** What it can answer (warmed up with all of it): every operation for a gateway, the single lookup for the bureau. */
  servable: Operation[];
  /** Where to ask whether it is ready, and which status says so (null: it already is). */
  ready: { url: string; accept: (status: number) => boolean } | null;
  /** Tokens for `count` requests of the operation (null: the target takes none). */
  authorization: (operation: Operation, count: number) => Promise<((body: string) => string) | null>;
}
