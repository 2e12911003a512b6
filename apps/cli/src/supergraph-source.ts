import { readFileSync } from 'node:fs';
import { demoBureauEndpoints, parseBureauList, resolveFromCwd, type BureauEndpoint } from '#config';
import { bureauSchemaFile } from '#bureau-kit';
import { governedTypeDefs } from '#catalog';
import { composeSupergraph, CompositionError, fetchSubgraphs, signedSubgraphFetch, UnreachableBureausError } from '#supergraph';
import { cliConfig } from './cli.config.js';
import { CommandFailedError, UsageError } from './cli.error.js';
import { gatewaySigner } from './gateway-keys.js';

export interface SupergraphResult {
  sdl: string;
  /** Where it came from, for the user: a file, live bureaus, or the demo schema files. */
  source: string;
}

/** Bureau list from `--bureau` flags, else CAUSEWAY_BUREAUS, else the demo bureaus (after `portBase`). */
export function bureausFrom(flags: string[] | undefined, portBase?: number): { bureaus: BureauEndpoint[]; explicit: boolean } {
  const text = flags?.length ? flags.join(',') : cliConfig().bureaus;
  if (!text) return { bureaus: demoBureauEndpoints('127.0.0.1', portBase), explicit: false };
  try {
    return { bureaus: parseBureauList(text), explicit: true };
  } catch (error) {
    throw new UsageError(`${flags?.length ? '--bureau' : 'CAUSEWAY_BUREAUS'}: ${(error as Error).message}`);
  }
}

export function readSupergraphFile(path: string): SupergraphResult {
  const file = resolveFromCwd(path);
  try {
    return { sdl: readFileSync(file, 'utf8'), source: file };
  } catch {
    throw new UsageError(`cannot read supergraph file ${file}`);
  }
}

/**
 * Composes from running bureaus, signing each schema request with the
 * gateway's keys (bureaus answer nothing unsigned); fails with the list of
 * unreachable ones.
 */
export async function composeFromBureaus(bureaus: BureauEndpoint[], dataDir: string, timeoutMs = 5000): Promise<SupergraphResult> {
  const fetch = signedSubgraphFetch(await gatewaySigner(dataDir));
  try {
    const subgraphs = await fetchSubgraphs(bureaus, { timeoutMs, fetch });
    return { sdl: composeSupergraph(subgraphs), source: 'running bureaus' };
  } catch (error) {
    if (error instanceof UnreachableBureausError || error instanceof CompositionError) {
      throw new CommandFailedError(error.message);
    }
    throw error;
  }
}

/** Composes the demo bureaus' schema files from this checkout, without any network. */
export function composeDemoSchemas(): SupergraphResult {
  const subgraphs = demoBureauEndpoints().map(({ name, url }) => ({
    name,
    url,
    sdl: governedTypeDefs(readFileSync(bureauSchemaFile(name), 'utf8')),
  }));
  return { sdl: composeSupergraph(subgraphs), source: 'demo bureau schema files' };
}
