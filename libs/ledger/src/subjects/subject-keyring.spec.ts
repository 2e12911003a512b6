import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SubjectKeyring, SubjectKeyringError } from './subject-keyring.js';

const person = { type: 'Person', key: '110105197706270614' };

describe('the data-subject keyring', () => {
  it('is created once, readable by its owner only, and holds no identifier', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'subject-keys-')), 'keys.json');
    const created = SubjectKeyring.open(file, { create: true });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(SubjectKeyring.open(file, { create: false }).token(person)).toBe(created.token(person));
    expect(() => SubjectKeyring.open(join(file, '..', 'missing.json'), { create: false })).toThrow(SubjectKeyringError);
    expect(readFileSync(file, 'utf8')).not.toContain(person.key);
  });

  it('gives a subject one token per key: another type, key or keyring is another token', () => {
    const keyring = SubjectKeyring.parse(JSON.stringify({ keys: [SubjectKeyring.generate()] }), 'test');
    const token = keyring.token(person);
    expect(token).toMatch(/^[A-Za-z0-9-]+\.[A-Za-z0-9_-]{22}$/);
    expect(token).not.toContain(person.key);
    expect(keyring.token({ ...person, type: 'Enterprise' })).not.toBe(token);
    expect(keyring.token({ ...person, key: '110105197706270622' })).not.toBe(token);
    expect(SubjectKeyring.parse(JSON.stringify({ keys: [SubjectKeyring.generate()] }), 'other').token(person)).not.toBe(token);
  });

  it('after rotation writes under the new key and still finds what was written under the old one', () => {
    const before = SubjectKeyring.parse(JSON.stringify({ keys: [SubjectKeyring.generate()] }), 'test');
    const after = before.rotated();
    expect(after.currentId).not.toBe(before.currentId);
    expect(after.token(person)).not.toBe(before.token(person));
    expect(after.lookupTokens(person)).toEqual([after.token(person), before.token(person)]);
    expect(after.keyedHash('{"id":"1"}')).not.toBe(before.keyedHash('{"id":"1"}'));
  });

  it('refuses a file that is not a keyring, naming what is wrong', () => {
    expect(() => SubjectKeyring.parse('{"keys":[{"id":"k1","createdAt":"2026-01-01T00:00:00Z","secret":"short"}]}', 'f.json')).toThrow(/f\.json.*keys\.0\.(id|secret)/);
    expect(() => SubjectKeyring.parse('nope', 'f.json')).toThrow('f.json is not JSON');
  });
});
