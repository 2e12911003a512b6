import { useCallback, useEffect, useState } from 'react';

/** Page size of the console's lists: the server pages, the console asks for the next page when the person does. */
export const PAGE = 25;

/**
 * A list read page by page from the server (`first`, `after` = the last
 * id): the rows so far, whether there are more, the next page, and a
 * reload from the start (after a change). `load` must be stable per list.
 */
export function usePaged<T extends { id: string }>(load: (after: string | null) => Promise<T[]>) {
  const [rows, setRows] = useState<T[]>([]);
  const [more, setMore] = useState(false);

  const fetchPage = useCallback(
    async (after: string | null) => {
      const page = await load(after);
      setRows((current) => (after ? [...current, ...page] : page));
      setMore(page.length === PAGE);
    },
    [load],
  );

  useEffect(() => {
    void fetchPage(null);
  }, [fetchPage]);

  return { rows, more, next: () => fetchPage(rows.at(-1)?.id ?? null), reload: () => fetchPage(null) };
}
