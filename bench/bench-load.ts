import autocannon from 'autocannon';
import type { Operation } from './bench-operations.js';

export interface LoadResult {
  /** How long the load ran (s). */
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  valid: number;
  errors: number;
}

/** One autocannon run; `authorization(body)` gives each request its token (null: none). */
export async function load(url: string, operation: Operation, authorization: ((body: string) => string) | null, seconds: number, connections: number): Promise<LoadResult> {
  let next = 0;
  let valid = 0;
  let invalid = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => {
          const body = operation.bodies[next++ % operation.bodies.length]!;
          return { ...request, body, headers: { ...request.headers, ...(authorization ? { authorization: `Bearer ${authorization(body)}` } : {}) } };
        },
        onResponse: (status, body) => {
          try {
            const answer = JSON.parse(body) as { data?: Record<string, unknown>; errors?: unknown[] };
            if (status === 200 && !answer.errors && answer.data && operation.check(answer.data)) valid++;
            else invalid++;
          } catch {
            invalid++;
          }
        },
      },
    ],
  });
  const seconds_ = result.duration || seconds;
  return {
    seconds: seconds_,
    requestsPerSecond: valid / seconds_,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    valid,
    errors: invalid + result.errors + result.timeouts,
  };
}
