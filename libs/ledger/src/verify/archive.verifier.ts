import type { JSONWebKeySet } from 'jose';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { ChainVerifier, type ChainBreak } from '../chain-verifier.js';
import { sealedText } from '../export/ledger.export.js';
import { CheckpointReplay, type CheckpointRow } from './checkpoint.replay.js';
import { unmet, type VerificationReport } from './ledger.verifier.js';

interface ArchiveLine {
  type?: unknown;
  chain?: unknown;
  seq?: unknown;
  previousHash?: unknown;
  hash?: unknown;
  entry?: unknown;
  /** Sealed text the export could not carry as JSON (ledger.export.ts recordLine). */
  unreadable?: unknown;
  jws?: unknown;
  number?: unknown;
  whole?: unknown;
}

/** What the header says (whether the export holds every record) and the checkpoints, in the order of their numbers. */
async function firstPass(file: string): Promise<{ whole: boolean; checkpoints: CheckpointRow[] }> {
  let whole = false;
  const checkpoints: CheckpointRow[] = [];
  for await (const { value } of lines(file)) {
    if (value?.type === 'export') whole = value.whole === true;
    if (value?.type === 'checkpoint') checkpoints.push({ number: Number(value.number), previousHash: String(value.previousHash), hash: String(value.hash), jws: String(value.jws) });
  }
  return { whole, checkpoints: checkpoints.sort((a, b) => a.number - b.number) };
}

/** Besides the verification: where each chain the archive holds begins (when not at its first record) and ends. */
export type ArchiveReport = VerificationReport & { anchors: Record<string, { seq: number; previousHash: string }>; ends: Record<string, { seq: number; hash: string }> };

async function* lines(file: string): AsyncGenerator<{ number: number; value: ArchiveLine | null }> {
  let number = 0;
  for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    number++;
    if (text.trim() === '') continue;
    try {
      yield { number, value: JSON.parse(text) as ArchiveLine };
    } catch {
      yield { number, value: null };
    }
  }
}

/**
 * Verifies an NDJSON export or archive on its own, without the database:
 * its checkpoints replayed as one signed, linked sequence from number 1;
 * each chain from its first exported record on (that record's previous hash
 * is the anchor, reported); every record a checkpoint sealed within the
 * exported part of its chain present with that hash; and, for an export of
 * the whole ledger, every chain the checkpoints name present up to where
 * they sealed it. Two passes over the file: records are never held.
 */
export async function verifyArchive(file: string, trustedKeys: JSONWebKeySet): Promise<ArchiveReport> {
  const replay = new CheckpointReplay(trustedKeys);
  const { whole, checkpoints } = await firstPass(file);
  const fail = (broken: ChainBreak) => ({ ok: false, verified: 0, chains: 0, checkpoints: replay.count, broken, anchors: {}, ends: {} });
  for (const checkpoint of checkpoints) {
    const broken = await replay.push(checkpoint);
    if (broken) return fail(broken);
  }
  const sealed = new Map([...replay.sealed].map(([key, { hash }]) => [key, hash]));
  const verifier = new ChainVerifier(true);
  for await (const { number, value } of lines(file)) {
    if (value === null) {
      verifier.fail({ chain: '?', seq: 0, reason: 'CONTENT_UNREADABLE', detail: `line ${number} is not JSON` });
      break;
    }
    if (value.type !== 'record') continue;
    const record = { chain: String(value.chain), seq: Number(value.seq), previousHash: String(value.previousHash), hash: String(value.hash), content: sealedText(value) };
    if (!replay.announced.has(record.chain)) {
      verifier.fail({ chain: record.chain, seq: record.seq, reason: 'CHAIN_UNANNOUNCED', detail: 'a chain no checkpoint announced: its records were not written by a gateway' });
      break;
    }
    if (!verifier.push(record)) break;
    // Canonical JSON is one line that parses: the export carries any other sealed text as a string, no writer's.
    if (typeof value.unreadable === 'string') {
      verifier.fail({ chain: record.chain, seq: record.seq, reason: 'CONTENT_NOT_CANONICAL', detail: 'the sealed text is not the canonical JSON of its entry' });
      break;
    }
    const key = `${record.chain}\u0000${record.seq}`;
    if (sealed.has(key)) {
      if (sealed.get(key) !== record.hash) {
        verifier.fail({ chain: record.chain, seq: record.seq, reason: 'CHECKPOINT_MISMATCH', detail: 'the record differs from the one a signed checkpoint sealed' });
        break;
      }
      sealed.delete(key);
    }
  }
  if (!verifier.result.broken) {
    // An excerpt answers only for the part of each chain it holds; the whole ledger for everything sealed.
    const start = (chain: string) => verifier.anchors.get(chain)?.seq ?? 1;
    for (const key of [...sealed.keys()]) {
      const [chain, seq] = key.split('\u0000') as [string, string];
      const end = verifier.head(chain)?.seq;
      if (!whole && (end === undefined || Number(seq) < start(chain) || Number(seq) > end)) sealed.delete(key);
    }
    const missing = unmet(sealed, replay, (chain) => verifier.head(chain)?.seq);
    if (missing) verifier.fail(missing);
  }
  const result = verifier.result;
  return {
    ok: result.broken === null,
    verified: result.verified,
    chains: result.chains,
    checkpoints: replay.count,
    broken: result.broken,
    anchors: Object.fromEntries(verifier.anchors),
    ends: verifier.ends(),
  };
}
