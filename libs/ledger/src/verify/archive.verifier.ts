import type { JSONWebKeySet } from 'jose';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { ChainVerifier, type ChainBreak } from '../chain-verifier.js';
import { verifyCheckpoint } from '../checkpoint.js';
import { canonicalJson } from '../ledger-hash.js';
import type { VerificationReport } from './ledger.verifier.js';

interface ArchiveLine {
  type?: unknown;
  chain?: unknown;
  seq?: unknown;
  previousHash?: unknown;
  hash?: unknown;
  entry?: unknown;
  jws?: unknown;
}

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
 * each chain from its first exported record on (that record's previous hash
 * is the anchor, reported), and every checkpoint in the file by its
 * signature and by the record it seals. Two passes over the file, so an
 * archive of any size verifies in constant memory.
 */
export async function verifyArchive(file: string, trustedKeys: JSONWebKeySet): Promise<VerificationReport & { anchors: Record<string, { seq: number; previousHash: string }> }> {
  const sealed = new Map<string, string>();
  let checkpoints = 0;
  const fail = (broken: ChainBreak) => ({ ok: false, verified: 0, chains: 0, checkpoints, broken, anchors: {} });
  for await (const { number, value } of lines(file)) {
    if (value?.type !== 'checkpoint') continue;
    checkpoints++;
    const where = { chain: String(value.chain), seq: Number(value.seq) };
    try {
      const signed = await verifyCheckpoint(String(value.jws), trustedKeys);
      if (signed.chain !== value.chain || signed.seq !== value.seq || signed.hash !== value.hash) {
        return fail({ ...where, reason: 'CHECKPOINT_MISMATCH', detail: `line ${number}: the signed checkpoint says otherwise than its line` });
      }
      sealed.set(`${signed.chain}\u0000${signed.seq}`, signed.hash);
    } catch (error) {
      return fail({ ...where, reason: 'CHECKPOINT_SIGNATURE', detail: `line ${number}: ${(error as Error).message}` });
    }
  }
  const verifier = new ChainVerifier(true);
  for await (const { number, value } of lines(file)) {
    if (value === null) {
      verifier.fail({ chain: '?', seq: 0, reason: 'CONTENT_UNREADABLE', detail: `line ${number} is not JSON` });
      break;
    }
    if (value.type !== 'record') continue;
    const record = {
      chain: String(value.chain),
      seq: Number(value.seq),
      previousHash: String(value.previousHash),
      hash: String(value.hash),
      content: canonicalJson(value.entry ?? null),
    };
    if (!verifier.push(record)) break;
    const key = `${record.chain}\u0000${record.seq}`;
    if (sealed.has(key)) {
      if (sealed.get(key) !== record.hash) {
        verifier.fail({ chain: record.chain, seq: record.seq, reason: 'CHECKPOINT_MISMATCH', detail: 'the record differs from the one a signed checkpoint sealed' });
        break;
      }
      sealed.delete(key);
    }
  }
  const [missing] = sealed.keys();
  if (missing !== undefined) {
    const [chain, seq] = missing.split('\u0000') as [string, string];
    verifier.fail({ chain, seq: Number(seq), reason: 'CHECKPOINT_RECORD_MISSING', detail: 'a signed checkpoint in the archive seals a record the archive lacks' });
  }
  const result = verifier.result;
  return { ok: result.broken === null, verified: result.verified, chains: result.chains, checkpoints, broken: result.broken, anchors: Object.fromEntries(verifier.anchors) };
}
