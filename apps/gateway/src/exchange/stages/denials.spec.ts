import { describe, expect, it } from '@jest/globals';
import { concretePaths } from './denials.js';

describe('concretePaths', () => {
  it('gives each list item its index, and a null parent the path as written', () => {
    const data = { people: { nodes: [{ phone: null }, { phone: null }] }, person: { allowance: null } };
    expect(concretePaths(data, ['people', 'nodes', 'phone'])).toEqual([
      ['people', 'nodes', 0, 'phone'],
      ['people', 'nodes', 1, 'phone'],
    ]);
    expect(concretePaths(data, ['person', 'allowance', 'status'])).toEqual([['person', 'allowance', 'status']]);
    expect(concretePaths({ people: { nodes: [] } }, ['people', 'nodes', 'phone'])).toEqual([]);
  });
});
