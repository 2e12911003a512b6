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
