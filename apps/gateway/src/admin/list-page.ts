import { AdminError } from './admin.error.js';

/** Most items a list query returns at once, whatever `first` asks. */
export const MAX_PAGE = 500;

/**
 * One page of a list the server holds in a stable order: the items after
 * the one whose id is `after` (the last of the previous page), at most
 * `first`. Without `first`, the whole list up to MAX_PAGE.
 */
export function pageAfter<T extends { id: string }>(items: readonly T[], first: number | null | undefined, after: string | null | undefined): T[] {
  if (first !== null && first !== undefined && (!Number.isInteger(first) || first < 1 || first > MAX_PAGE)) throw AdminError.badInput(`first: 1 to ${MAX_PAGE}`, 'first');
  const start = after === null || after === undefined ? 0 : items.findIndex((item) => item.id === after) + 1;
  if (start === 0 && after !== null && after !== undefined) throw AdminError.badInput(`after: "${after}" is not in this list (it changed, or the cursor is from another one)`, 'after');
  return items.slice(start, start + (first ?? MAX_PAGE));
}
