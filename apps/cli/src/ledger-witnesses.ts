import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { JSONWebKeySet } from 'jose';
import { checkAgainstWitness, type LedgerReader, type WitnessedCheckpoint, type WitnessReport } from '#ledger';
import { CommandFailedError, UsageError } from './cli.error.js';

const TIMEOUT_MS = 10_000;

/** What outside parties can vouch for: the ledger's checkpoints (number → hash and JWS) and their time stamps, from the database or an export. */
export interface LedgerEvidence {
  hashes: Map<number, string>;
  checkpoints: Map<number, string>;
  stamps: Array<{ number: number; token: string }>;
}

export async function ledgerEvidence(source: { reader: LedgerReader } | { file: string }): Promise<LedgerEvidence> {
  const evidence: LedgerEvidence = { hashes: new Map(), checkpoints: new Map(), stamps: [] };
  if ('reader' in source) {
    for (const checkpoint of await source.reader.checkpoints()) {
      evidence.hashes.set(checkpoint.number, checkpoint.hash);
      evidence.checkpoints.set(checkpoint.number, checkpoint.jws);
    }
    evidence.stamps = (await source.reader.stamps()).map(({ number, token }) => ({ number, token }));
    return evidence;
  }
  for await (const text of createInterface({ input: createReadStream(source.file), crlfDelay: Infinity })) {
    if (text.startsWith('{"type":"checkpoint"')) {
      const line = JSON.parse(text) as { number: number; hash: string; jws: string };
      evidence.hashes.set(line.number, line.hash);
      evidence.checkpoints.set(line.number, line.jws);
    } else if (text.startsWith('{"type":"stamp"')) {
      const line = JSON.parse(text) as { number: number; token: string };
      evidence.stamps.push({ number: line.number, token: line.token });
    }
  }
  return evidence;
}

/** A trusted time-stamping authority's CA certificate, PEM or DER. */
export function readCertificate(file: string): Uint8Array {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new UsageError(`--tsa-cert: ${(error as Error).message}`);
  }
  const pem = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(bytes.toString('latin1'));
  return pem ? new Uint8Array(Buffer.from(pem[1]!.replace(/\s+/g, ''), 'base64')) : new Uint8Array(bytes);
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
    // A witness whose pages do not move forward would keep this loop going for ever.
    const last = Number(checkpoints.at(-1)!.number);
    if (!(last > after)) throw new CommandFailedError(`witness ${url.href} answered a page that does not follow checkpoint ${after}`);
    after = last;
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
