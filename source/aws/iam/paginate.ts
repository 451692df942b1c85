/**
 * IAM's list calls return a page and, when IsTruncated, a Marker for the next. AWS may truncate
 * well below MaxItems, so every list is followed to the end. The endpoint is not trusted to end
 * it: a marker that comes back (A, B, A, …) or a listing past the paging budget (limits `pages`,
 * `paging-time`) stops the walk with an error naming why, since a silently short list of keys or
 * policies would mislead containment. The caller's section names the call (see gather.ts).
 */
import { formatLimit, limits, type Limits } from '../../trail/limits.js';
import { PagingStoppedError } from '../errors.js';

export interface MarkerPage<T> {
  items: T[] | undefined;
  isTruncated: boolean | undefined;
  marker: string | undefined;
}

export async function allPages<T>(
  fetchPage: (marker: string | undefined) => Promise<MarkerPage<T>>,
  bounds: Pick<Limits, 'pages' | 'pagingTime'> = limits(),
  now: () => number = Date.now,
): Promise<T[]> {
  const items: T[] = [];
  // Markers of the one listing: as many as its pages, which the budget bounds.
  const seen = new Set<string>();
  const deadline = now() + bounds.pagingTime;
  let marker: string | undefined;
  for (let pages = 0; ;) {
    if (pages >= bounds.pages)
      throw new PagingStoppedError(
        `stopped after ${bounds.pages} pages (the paging budget; --limit pages=N to change it); the listing is incomplete`,
      );
    if (now() >= deadline)
      throw new PagingStoppedError(
        `stopped after ${formatLimit('ms', bounds.pagingTime)} (the paging time budget; --limit paging-time=DURATION to change it); the listing is incomplete`,
      );
    const page = await fetchPage(marker);
    pages++;
    items.push(...(page.items ?? []));
    if (!page.isTruncated || !page.marker) return items;
    if (seen.has(page.marker))
      throw new PagingStoppedError(
        `stopped after ${pages} pages: the endpoint sent a Marker it had sent before, which would page forever; the listing is incomplete`,
      );
    seen.add(page.marker);
    marker = page.marker;
  }
}
