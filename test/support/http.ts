import { sleep } from './processes.js';

export interface GraphQLAnswer {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
    extensions?: { causeway?: { exchangeId?: string; traceId?: string; bureaus?: string[] } };
  };
  raw: string;
}

export async function graphql(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<GraphQLAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const raw = await response.text();
  return { status: response.status, body: JSON.parse(raw) as GraphQLAnswer['body'], raw };
}

export async function httpStatus(url: string): Promise<number | 'refused'> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 'refused';
  }
}

/** Polls `url` until it answers `status`; returns how long it took. */
export async function waitForStatus(url: string, status: number, timeoutMs = 90_000): Promise<number> {
  const started = Date.now();
  let last: number | 'refused' = 'refused';
  while (Date.now() - started < timeoutMs) {
    last = await httpStatus(url);
    if (last === status) return Date.now() - started;
    await sleep(250);
  }
  throw new Error(`${url} still answers ${last} after ${timeoutMs} ms (waiting for ${status})`);
}

/** A fresh client assertion of a demo system, signed with its development key from `dataDir`. */
export async function callerToken(
  dataDir: string,
  system = 'civil-affairs.subsidy-review',
  /** null: no purpose in the token (declare it in X-Causeway-Purpose). */
  purpose: string | null = 'subsidy-eligibility',
): Promise<string> {
  const { signDevClientAssertion } = await import('#identity');
  return signDevClientAssertion({ dataDir, system, audience: 'causeway-gateway', purpose: purpose ?? undefined, ttlSeconds: 60 });
}

/** `graphql` as a registered demo system calling the gateway at `url`. */
export function caller(url: string, dataDir: string) {
  return async (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    graphql(url, query, variables, { authorization: `Bearer ${await callerToken(dataDir)}`, ...headers });
}
