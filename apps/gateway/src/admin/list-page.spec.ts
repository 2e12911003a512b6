import { describe, expect, it } from '@jest/globals';
import { AdminError } from './admin.error.js';
import { pageAfter } from './list-page.js';

const items = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));

describe('pageAfter', () => {
  it('pages a list in its order: the items after the cursor, at most first', () => {
    expect(pageAfter(items, 2, null).map((item) => item.id)).toEqual(['a', 'b']);
    expect(pageAfter(items, 2, 'b').map((item) => item.id)).toEqual(['c', 'd']);
    expect(pageAfter(items, 2, 'd').map((item) => item.id)).toEqual(['e']);
    expect(pageAfter(items, 2, 'e')).toEqual([]);
    // Arguments a client leaves out arrive as undefined: the whole list.
    expect(pageAfter(items, undefined, undefined)).toHaveLength(5);
  });

  it('refuses a cursor not in the list and a page size out of bounds, naming the argument', () => {
    expect(() => pageAfter(items, 2, 'zz')).toThrow(AdminError);
    expect(() => pageAfter(items, 0, null)).toThrow(expect.objectContaining({ details: { argument: 'first' } }));
    expect(() => pageAfter(items, 501, null)).toThrow(AdminError);
  });
});
