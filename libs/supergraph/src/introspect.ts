import type { BureauEndpoint } from '#config';
import type { SubgraphSource } from './compose.js';

/** How the caller fetches from a bureau: the gateway and the CLI pass one that signs the request. */
export type SubgraphFetch = (bureau: BureauEndpoint, init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal }) => Promise<Response>;

export class BureauUnreachableError extends Error {
  constructor(
    readonly bureau: string,
    reason: string,
  ) {
    super(`bureau ${bureau} is unreachable (${reason})`);
    this.name = 'BureauUnreachableError';
  }
}

const SERVICE_QUERY = JSON.stringify({ query: 'query CausewaySubgraphSdl { _service { sdl } }' });

/** Fetches one bureau's subgraph SDL through the federation `_service` field. */
export async function fetchSubgraphSdl(bureau: BureauEndpoint, options: { timeoutMs: number; fetch?: SubgraphFetch }): Promise<SubgraphSource> {
  const doFetch: SubgraphFetch = options.fetch ?? ((target, init) => fetch(target.url, init));
  let response: Response;
  try {
    response = await doFetch(bureau, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: SERVICE_QUERY,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new BureauUnreachableError(bureau.name, cause ?? (error as Error).name);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new BureauUnreachableError(bureau.name, response.status === 401 ? 'HTTP 401: it refused the signed request' : `HTTP ${response.status}`);
  }
  const body = (await response.json().catch(() => null)) as { data?: { _service?: { sdl?: string } } } | null;
  const sdl = body?.data?._service?.sdl;
  if (typeof sdl !== 'string') throw new BureauUnreachableError(bureau.name, 'no subgraph SDL in its answer');
  return { name: bureau.name, url: bureau.url, sdl };
}

/** Fetches every bureau's SDL; reports all unreachable bureaus, not only the first. */
export async function fetchSubgraphs(bureaus: readonly BureauEndpoint[], options: { timeoutMs: number; fetch?: SubgraphFetch }): Promise<SubgraphSource[]> {
  const results = await Promise.allSettled(bureaus.map((bureau) => fetchSubgraphSdl(bureau, options)));
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
  if (failures.length > 0) throw new UnreachableBureausError(failures);
  return results.map((r) => (r as PromiseFulfilledResult<SubgraphSource>).value);
}

export class UnreachableBureausError extends Error {
  readonly bureaus: string[];
  constructor(readonly failures: Error[]) {
    super(failures.map((f) => f.message).join('; '));
    this.name = 'UnreachableBureausError';
    this.bureaus = failures.map((f) => (f instanceof BureauUnreachableError ? f.bureau : 'unknown'));
  }
}
