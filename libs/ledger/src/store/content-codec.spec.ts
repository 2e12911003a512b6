import { describe, expect, it } from '@jest/globals';
import { canonicalJson } from '../ledger-hash.js';
import { decodeContent, encodeContent } from './content-codec.js';

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
});
