import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { JSONWebKeySet } from 'jose';
import { checkAgainstWitness, type LedgerReader, type WitnessedCheckpoint, type WitnessReport } from '#ledger';
import { CommandFailedError, UsageError } from './cli.error.js';

const TIMEOUT_MS = 10_000;

/** The ledger's checkpoints as number → hash: from the database, or from an export's checkpoint lines. */
export async function ledgerCheckpoints(source: { reader: LedgerReader } | { file: string }): Promise<Map<number, string>> {
  if ('reader' in source) return new Map((await source.reader.checkpoints()).map((checkpoint) => [checkpoint.number, checkpoint.hash]));
  const hashes = new Map<number, string>();
  for await (const text of createInterface({ input: createReadStream(source.file), crlfDelay: Infinity })) {
    if (!text.startsWith('{"type":"checkpoint"')) continue;
    const line = JSON.parse(text) as { number: number; hash: string };
    hashes.set(line.number, line.hash);
  }
  return hashes;
}

/** Every checkpoint a witness publishes (GET <url>?after=N, page by page). */
async function* witnessed(url: URL): AsyncGenerator<WitnessedCheckpoint> {
  let after = 0;
  for (;;) {
    const page = new URL(url);
    page.searchParams.set('after', String(after));
    let response: Response;
    try {
      response = await fetch(page, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      throw new CommandFailedError(`witness ${url.href} cannot be reached: ${(error as Error).message}`);
    }
    if (!response.ok) throw new CommandFailedError(`witness ${url.href} answered HTTP ${response.status}`);
    const { checkpoints } = (await response.json()) as { checkpoints?: WitnessedCheckpoint[] };
    if (!Array.isArray(checkpoints) || checkpoints.length === 0) return;
    yield* checkpoints;
    after = checkpoints.at(-1)!.number;
  }
}

/** Compares the ledger with each witness (`--witness URL`, repeatable). */
export async function checkWitnesses(urls: readonly string[], ledger: ReadonlyMap<number, string>, keys: JSONWebKeySet): Promise<WitnessReport[]> {
  const reports: WitnessReport[] = [];
  for (const text of urls) {
    if (!URL.canParse(text) || !/^https?:$/.test(new URL(text).protocol)) throw new UsageError(`--witness: "${text}" is not an http(s) URL`);
    reports.push(await checkAgainstWitness(ledger, witnessed(new URL(text)), keys, text));
  }
  return reports;
}
