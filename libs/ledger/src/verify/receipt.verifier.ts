import { decodeJwt, type JSONWebKeySet } from 'jose';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { ChainVerifier, type StoredRecord } from '../chain-verifier.js';
import { verifyCheckpoint } from '../checkpoint.js';
import { sealedText } from '../export/ledger.export.js';
import type { LedgerPosition } from '../ledger-entry.js';
import { verifyReceipt, type Receipt } from '../receipt.js';
import type { LedgerReader } from '../store/ledger.reader.js';

/** What a receipt proved: each step, and the first that failed. */
export interface ReceiptCheck {
  ok: boolean;
  receipt: Receipt | null;
  /** The signed checkpoint the record falls under (its number, and where it left the record's chain), when one has been signed since. */
  checkpoint: { number: number; seq: number; hash: string } | null;
  failure: 'RECEIPT_SIGNATURE' | 'RECORD_MISSING' | 'RECORD_DIFFERS' | 'CHAIN_BROKEN' | 'CHECKPOINT_SIGNATURE' | 'CHECKPOINT_MISMATCH' | null;
  detail: string;
}

/** Where the receipt's record is looked for: its chain from the receipt's record on, and the first checkpoint at or after it. */
interface RecordSource {
  records(chain: string, from: number): AsyncIterable<StoredRecord & { exchangeId?: string }>;
  checkpointCovering(chain: string, seq: number): Promise<{ number: number; seq: number; hash: string; jws: string } | null>;
}

/**
 * Checks a receipt against the ledger (or an export): its signature with
 * the gateway's keys (all, without a source: offline), then that the record it names exists with that
 * exchange id and hash and still hashes to its seal, then — when a
 * checkpoint has been signed since — that the chain runs unbroken from the
 * record to that checkpoint and the checkpoint's signature holds.
 */
export async function checkReceipt(jws: string, trustedKeys: JSONWebKeySet, source: RecordSource | null): Promise<ReceiptCheck> {
  let receipt: Receipt;
  try {
    receipt = await verifyReceipt(jws, trustedKeys);
  } catch (error) {
    return { ok: false, receipt: null, checkpoint: null, failure: 'RECEIPT_SIGNATURE', detail: `the receipt does not verify with the gateway's keys: ${(error as Error).message}` };
  }
  const result = (failure: ReceiptCheck['failure'], detail: string, checkpoint: ReceiptCheck['checkpoint'] = null): ReceiptCheck => ({
    ok: failure === null,
    receipt,
    checkpoint,
    failure,
    detail,
  });
  if (!source) return result(null, 'the gateway signed this receipt (its record was not looked up)');
  const covering = await source.checkpointCovering(receipt.chain, receipt.seq);
  const verifier = new ChainVerifier(true);
  let found = false;
  for await (const record of source.records(receipt.chain, receipt.seq)) {
    if (record.seq < receipt.seq) continue;
    if (record.seq === receipt.seq) {
      found = true;
      if (record.hash !== receipt.hash || (record.exchangeId !== undefined && record.exchangeId !== receipt.exchangeId)) {
        return result('RECORD_DIFFERS', `record ${receipt.seq} of chain ${receipt.chain} is not the one the receipt names: it was replaced`);
      }
    }
    if (!verifier.push(record)) return result('CHAIN_BROKEN', `${verifier.result.broken!.reason} at record ${verifier.result.broken!.seq}: ${verifier.result.broken!.detail}`);
    if (record.seq >= (covering?.seq ?? receipt.seq)) break;
  }
  if (!found) return result('RECORD_MISSING', `chain ${receipt.chain} has no record ${receipt.seq}: it was removed (or is not in this export)`);
  if (!covering) return result(null, 'the record matches the receipt; no checkpoint has sealed it yet');
  const checkpoint = { number: covering.number, seq: covering.seq, hash: covering.hash };
  try {
    const signed = await verifyCheckpoint(covering.jws, trustedKeys);
    const states = signed.heads.some((head) => head.chain === receipt.chain && head.seq === covering.seq && head.hash === covering.hash);
    if (signed.number !== covering.number || !states || verifier.head(receipt.chain)?.hash !== covering.hash) {
      return result('CHECKPOINT_MISMATCH', `checkpoint ${covering.number} does not seal the chain the record is part of`, checkpoint);
    }
  } catch (error) {
    return result('CHECKPOINT_SIGNATURE', `checkpoint ${covering.number}: ${(error as Error).message}`, checkpoint);
  }
  return result(null, `the record matches the receipt and is sealed by signed checkpoint ${covering.number} (its chain at record ${covering.seq})`, checkpoint);
}

/** The ledger database as a receipt's record source. */
export function ledgerSource(reader: LedgerReader): RecordSource {
  return {
    records: (chain, from) => reader.records({}, 1000, chain, from),
    checkpointCovering: async (chain, seq) => {
      const covering = await reader.checkpointCovering(chain, seq);
      return covering && { number: covering.checkpoint.number, seq: covering.head.seq, hash: covering.head.hash, jws: covering.checkpoint.jws };
    },
  };
}

/** An NDJSON export or archive as a receipt's record source (read from the file, line by line). */
export function exportSource(file: string): RecordSource {
  async function* lines(): AsyncGenerator<Record<string, unknown>> {
    for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
      if (text.trim() === '') continue;
      try {
        yield JSON.parse(text) as Record<string, unknown>;
      } catch {
        // An unreadable line is no record; `ledger verify --file` reports it.
      }
    }
  }
  return {
    async *records(chain) {
      for await (const line of lines()) {
        if (line.type !== 'record' || line.chain !== chain) continue;
        const entry = line.entry as { exchangeId?: string } | undefined;
        yield { chain, seq: Number(line.seq), previousHash: String(line.previousHash), hash: String(line.hash), content: sealedText(line), exchangeId: entry?.exchangeId };
      }
    },
    async checkpointCovering(chain, seq) {
      // The heads a checkpoint states are in its signed payload; the signature is checked by the caller.
      let best: { number: number; seq: number; hash: string; jws: string } | null = null;
      for await (const line of lines()) {
        if (line.type !== 'checkpoint') continue;
        const heads = (decodeJwt(String(line.jws)).heads ?? []) as LedgerPosition[];
        const head = heads.find((stated) => stated.chain === chain && stated.seq >= seq);
        if (head && (!best || head.seq < best.seq)) best = { number: Number(line.number), seq: head.seq, hash: head.hash, jws: String(line.jws) };
      }
      return best;
    },
  };
}
