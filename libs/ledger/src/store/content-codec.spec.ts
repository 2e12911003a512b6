import { describe, expect, it } from '@jest/globals';
import { canonicalJson } from '../ledger-hash.js';
import { decodeContent, encodeContent, encodeContentBytes } from './content-codec.js';

const entry = {
  kind: 'exchange',
  exchangeId: 'ex-1',
  caller: { system: 'civil-affairs.subsidy-review', department: 'civil-affairs', verified: true },
  fields: ['name', 'householdAddress', 'maritalStatus', 'vaccinations'].map((name) => ({
    path: name,
    coordinate: `Person.${name}`,
    owner: 'public-security',
    level: 'SENSITIVE',
    outcome: 'masked',
    mask: 'NAME',
    reason: null,
    rules: ['grant:public-security-civil-affairs'],
  })),
  purpose: '低保审核 subsidy-eligibility',
};

describe('the stored form of a record’s content', () => {
  it('gives back exactly the canonical text, non-ASCII included', () => {
    const text = canonicalJson(entry);
    const stored = encodeContent(text);
    expect(stored.startsWith('z1.')).toBe(true);
    expect(decodeContent(stored)).toBe(text);
  });

  it('stores a demo exchange in well under half its text', () => {
    const text = canonicalJson(entry);
    expect(encodeContent(text).length).toBeLessThan(text.length / 2);
  });

  it('gives back a record many times the usual size whole (it inflates in several chunks)', () => {
    // A wide exchange: hundreds of fields with varied names, so the text stays far larger than one inflate chunk once compressed.
    const fields = Array.from({ length: 400 }, (_, i) => ({ ...entry.fields[0]!, path: `p${i}`, coordinate: `Person.field${(i * 7919) % 1000}x${i}` }));
    const text = canonicalJson({ ...entry, fields });
    expect(text.length).toBeGreaterThan(60_000);
    expect(decodeContent(encodeContent(text))).toBe(text);
  });

  it('reads records stored before it (canonical JSON) as they are', () => {
    expect(decodeContent('{"kind":"exchange"}')).toBe('{"kind":"exchange"}');
  });

  it('hands back a stored form that does not inflate unchanged, for verification to report', () => {
    expect(decodeContent('z1.not-deflate')).toBe('z1.not-deflate');
  });

  describe('as bytes (both databases)', () => {
    const text = canonicalJson(entry);

    it('gives back exactly the canonical text, from a Buffer or from a Uint8Array that crossed a thread', () => {
      const stored = encodeContentBytes(text);
      expect(stored[0]).toBe(1);
      expect(decodeContent(stored)).toBe(text);
      const crossed = structuredClone(new Uint8Array(stored.buffer, stored.byteOffset, stored.byteLength));
      expect(Buffer.isBuffer(crossed)).toBe(false);
      expect(decodeContent(crossed)).toBe(text);
    });

    it('is the text form’s deflated bytes without base64: a quarter smaller', () => {
      const asText = encodeContent(text);
      const asBytes = encodeContentBytes(text);
      expect(Buffer.from(asText.slice(3), 'base64url').equals(asBytes.subarray(1))).toBe(true);
      expect(asBytes.length).toBeLessThan(asText.length * 0.76);
    });

    it('reads a record stored as text before from its UTF-8 bytes, in either text form (PostgreSQL’s migration leaves those it cannot convert so)', () => {
      expect(decodeContent(Buffer.from(text))).toBe(text);
      expect(decodeContent(Buffer.from(encodeContent(text)))).toBe(text);
      // A text form that does not inflate stays that text, for verification to report.
      expect(decodeContent(Buffer.from('z1.not-deflate'))).toBe('z1.not-deflate');
    });

    it('hands back bytes that do not inflate, or of an unknown version, as text that is not JSON', () => {
      const unreadable = [
        Buffer.from([1, 0xff, 0xfe, 0xfd]),
        Buffer.from([2, ...encodeContentBytes(text).subarray(1)]),
        Buffer.alloc(0),
        // Not UTF-8 after a text form's first byte.
        Buffer.from([0x7b, 0xff, 0x7d]),
      ];
      for (const stored of unreadable) {
        const decoded = decodeContent(stored);
        expect(decoded).toBe(`bytes:${stored.toString('base64url')}`);
        expect(() => JSON.parse(decoded) as unknown).toThrow();
      }
    });
  });
});
