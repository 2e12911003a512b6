import canonicalize from 'canonicalize';
import { createHash, hash } from 'node:crypto';
import type { LedgerEntry } from './ledger-entry.js';

/** The previous hash of a chain's first record. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash sealing one record: SHA-256 over the previous record's hash and
 * the record's content in RFC 8785 canonical JSON (key order and number
 * formatting fixed), so the same record always hashes the same, whichever
 * database stored it and whichever process re-computes it. `entry` is the
 * entry as sealed: with the commitment to its index rows (`@index`,
 * store/index-commitment.ts) when it was sealed with one.
 */
export function recordHash(previousHash: string, chain: string, seq: number, entry: LedgerEntry): string {
  return sealCanonical(previousHash, chain, seq, canonicalJson(entry));
}

/**
 * The same hash from the entry's canonical JSON, for the writer, which
 * stores that text anyway: the canonical form of { chain, entry, seq } is
 * those keys in this (sorted) order around the entry's own canonical text.
 */
export function sealCanonical(previousHash: string, chain: string, seq: number, canonicalEntry: string): string {
  // One-shot hash(): verification seals every record again, and it costs less than a Hash object's three updates.
  return hash('sha256', `${previousHash}\n{"chain":${JSON.stringify(chain)},"entry":${canonicalEntry},"seq":${seq}}`, 'hex');
}

/** The same hash over the canonical JSON's UTF-8 bytes (as a stored content inflates to them). */
export function sealCanonicalBytes(previousHash: string, chain: string, seq: number, canonicalEntry: Uint8Array): string {
  return hash('sha256', Buffer.concat([Buffer.from(`${previousHash}\n{"chain":${JSON.stringify(chain)},"entry":`), canonicalEntry, Buffer.from(`,"seq":${seq}}`)]), 'hex');
}

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value has no JSON form');
  return text;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
