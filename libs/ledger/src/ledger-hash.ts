import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import type { LedgerEntry } from './ledger-entry.js';

/** The previous hash of a chain's first record. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash sealing one record: SHA-256 over the previous record's hash and
 * the record's content in RFC 8785 canonical JSON (key order and number
 * formatting fixed), so the same record always hashes the same, whichever
 * database stored it and whichever process re-computes it.
 */
export function recordHash(previousHash: string, chain: string, seq: number, entry: LedgerEntry): string {
  return createHash('sha256')
    .update(previousHash)
    .update('\n')
    .update(canonicalJson({ chain, seq, entry }))
    .digest('hex');
}

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value has no JSON form');
  return text;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
