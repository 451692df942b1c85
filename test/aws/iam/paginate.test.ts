import { describe, expect, it } from 'vitest';
import { allPages, type MarkerPage } from '../../../source/aws/iam/paginate.js';
import { describeAwsError } from '../../../source/aws/errors.js';

/** An IAM listing that never ends: markers from `markers`, one item a page. */
function endless(markers: (page: number) => string) {
  let page = 0;
  const fetch = async (): Promise<MarkerPage<number>> => {
    const n = page++;
    return { items: [n], isTruncated: true, marker: markers(n) };
  };
  return { fetch, pages: () => page };
}

describe('allPages (IAM listings)', () => {
  it('stops on a marker sent before (A, B, A), with an error, not a short list', async () => {
    const listing = endless((n) => (n % 2 ? 'B' : 'A'));
    const error = await allPages(listing.fetch).catch((caught: unknown) => caught);
    expect(listing.pages()).toBe(3);
    expect(describeAwsError(error, { call: 'iam:ListAccessKeys' })).toBe(
      'iam:ListAccessKeys: stopped after 3 pages: the endpoint sent a Marker it had sent before, which would page forever; the listing is incomplete',
    );
  });

  it('stops at the page budget and at the time budget', async () => {
    const listing = endless((n) => `m${n}`);
    await expect(allPages(listing.fetch, { pages: 5, pagingTime: 60_000 })).rejects.toThrow(
      'stopped after 5 pages (the paging budget; --limit pages=N to change it); the listing is incomplete',
    );
    expect(listing.pages()).toBe(5);
    let clock = 0;
    const slow = endless((n) => `m${n}`);
    const fetch = async () => {
      clock += 400;
      return slow.fetch();
    };
    await expect(allPages(fetch, { pages: 100, pagingTime: 1000 }, () => clock)).rejects.toThrow(
      'stopped after 1 s (the paging time budget; --limit paging-time=DURATION to change it)',
    );
    expect(slow.pages()).toBe(3);
  });

  it('follows an honest listing to its end', async () => {
    let page = 0;
    const items = await allPages(async () => {
      page++;
      return { items: [page], isTruncated: page < 3, marker: page < 3 ? `m${page}` : undefined };
    });
    expect(items).toEqual([1, 2, 3]);
  });
});
