/**
 * IAM's list calls return a page and, when IsTruncated, a Marker for the next. AWS may truncate
 * well below MaxItems, so every list is followed to the end; a marker that comes back twice
 * (a misbehaving endpoint) stops the walk instead of looping forever.
 */
export interface MarkerPage<T> {
  items: T[] | undefined;
  isTruncated: boolean | undefined;
  marker: string | undefined;
}

export async function allPages<T>(
  fetchPage: (marker: string | undefined) => Promise<MarkerPage<T>>,
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let marker: string | undefined;
  for (;;) {
    const page = await fetchPage(marker);
    items.push(...(page.items ?? []));
    if (!page.isTruncated || !page.marker || seen.has(page.marker)) return items;
    seen.add(page.marker);
    marker = page.marker;
  }
}
