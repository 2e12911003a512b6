import { describe, expect, it } from '@jest/globals';
import { parse } from 'graphql';
import { unprintableText } from './printable-text.js';

describe('unprintableText', () => {
  it('names the variable or argument carrying a control character or a bidirectional override', () => {
    const put = parse('mutation ($input: PersonInput!) { putPerson(input: $input) { version } }');
    expect(unprintableText(put, { input: { id: 'evil-2', name: 'Mallory\u0000', roles: ['auditor'] } })).toBe('input');
    expect(unprintableText(put, { input: { id: 'x', name: 'Mallory\u001b[2J', roles: [] } })).toBe('input');
    expect(unprintableText(put, { input: { id: 'x', name: 'abc\u202efdp.exe', roles: [] } })).toBe('input');
    expect(unprintableText(put, { input: { id: 'x', name: 'a\u2066b', roles: [] } })).toBe('input');
    // Invisible: two ids that look the same, or a mark that flips what follows.
    for (const invisible of [
      '\u200b',
      '\u200e',
      '\u200f',
      '\u061c',
      '\u2060',
      '\ufeff',
      '\u00ad',
      '\u3164',
      '\u2028',
      '\u{E0020}',
      '\u{E007F}',
      '\u2065',
      '\u206a',
      '\ufff9',
      '\u{1D173}',
      '\u0600',
    ]) {
      expect(unprintableText(put, { input: { id: `grant${invisible}-a`, name: 'x', roles: [] } })).toBe('input');
    }
    expect(unprintableText(parse('mutation { putPurpose(name: "p", description: "a\\u0000b") { version } }'), {})).toBe('description');
    expect(unprintableText(parse('mutation { reviewApplication(id: "1", input: { reasons: ["ok", "x\\u202ey"] }) { id } }'), {})).toBe('input');
    // In a variable's default, and in a variable's own name (not named back).
    expect(unprintableText(parse('mutation ($d: String = "a\\u0000b") { putPurpose(name: "p", description: $d) { version } }'), {})).toBe('d');
    expect(unprintableText(parse('mutation { putPurpose(name: "p", description: "d") { version } }'), { 'x\u202e': 'y' })).toBe('variables');
  });

  it('lets through the text people write: Chinese, English, tabs and line breaks', () => {
    const put = parse('mutation ($input: PersonInput!) { putPerson(input: $input) { version } }');
    expect(unprintableText(put, { input: { id: 'officer-1', name: '王小明 (Wang Xiaoming)', roles: ['officer'] } })).toBeNull();
    expect(unprintableText(parse('mutation { putPurpose(name: "p", description: "第一行\\n第二行\\tend") { version } }'), {})).toBeNull();
    // Uyghur in Arabic script, with a zero-width non-joiner; an emoji sequence with a joiner.
    expect(unprintableText(put, { input: { id: 'officer-2', name: 'ئابدۇ\u200cرېھىم 👩\u200d💼', roles: ['officer'] } })).toBeNull();
    // An ideographic variant of a rare character, and a private-use character where a local system keeps one Unicode lacks.
    expect(unprintableText(put, { input: { id: 'officer-3', name: '葛\u{E0100}\uE000明', roles: ['officer'] } })).toBeNull();
  });
});
