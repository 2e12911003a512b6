import { describe, expect, it } from '@jest/globals';
import { parseClassificationScheme } from './classification-scheme.js';

const levels = 'levels: [{name: PUBLIC}, {name: INTERNAL}, {name: SENSITIVE}, {name: CORE}]\n';

describe('parseClassificationScheme', () => {
  it('orders levels as listed', () => {
    const scheme = parseClassificationScheme(`${levels}defaultLevel: INTERNAL\ndefaultSharing: CONDITIONAL\n`);
    expect(scheme.levels.map((l) => [l.name, l.rank])).toEqual([
      ['PUBLIC', 0],
      ['INTERNAL', 1],
      ['SENSITIVE', 2],
      ['CORE', 3],
    ]);
    expect(scheme.highest.name).toBe('CORE');
    expect(scheme.rank('NOT_A_LEVEL')).toBe(4);
  });

  it('refuses a default level that is the lowest: unlabelled data is never public', () => {
    expect(() => parseClassificationScheme(`${levels}defaultLevel: PUBLIC\ndefaultSharing: CONDITIONAL\n`)).toThrow(/defaultLevel: must not be the lowest level/);
  });

  it('refuses a default level that is not listed', () => {
    expect(() => parseClassificationScheme(`${levels}defaultLevel: SECRET\ndefaultSharing: CONDITIONAL\n`)).toThrow(/"SECRET" is not a listed level/);
  });

  it('refuses duplicate levels and unknown sharing modes', () => {
    expect(() => parseClassificationScheme('levels: [{name: A}, {name: A}]\ndefaultLevel: A\ndefaultSharing: CONDITIONAL\n')).toThrow(/unique/);
    expect(() => parseClassificationScheme(`${levels}defaultLevel: INTERNAL\ndefaultSharing: SOMETIMES\n`)).toThrow(/defaultSharing/);
  });
});
