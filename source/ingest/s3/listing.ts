/**
 * ListObjectsV2 the planner's way: one folder level at a time (`Delimiter: '/'`) or one day folder
 * whole, every page bounded, every call counted. What a bucket answers is untrusted: folders and
 * keys that are not under the prefix asked for, nested deeper than CloudTrail writes, or carry
 * control characters are dropped, so nothing downstream (cache paths, the terminal) sees them.
 */
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { PlannedObject } from './types.js';

/** A listing that failed: the error S3 gave, with what was being listed for describeS3Error. */
export class S3ListingError extends Error {
  override readonly name = 'S3ListingError';
  constructor(
    readonly error: unknown,
    readonly bucket: string,
    readonly prefix: string,
  ) {
    super(`ListObjectsV2 ${bucket}/${prefix} failed`);
  }
}

/** A listing that ran past its page bound (a folder far bigger than CloudTrail makes). */
export class S3ListingTooLongError extends Error {
  override readonly name = 'S3ListingTooLongError';
  constructor(
    readonly bucket: string,
    readonly prefix: string,
    readonly pages: number,
  ) {
    super(`ListObjectsV2 ${bucket}/${prefix}: more than ${pages} pages`);
  }
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const MAX_KEY_BYTES = 1024;
const MAX_ETAG = 128;

export class S3Lister {
  /** ListObjectsV2 calls made so far (pages, not listings). */
  calls = 0;

  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
    private readonly signal?: AbortSignal,
  ) {}

  /**
   * The folders directly under `prefix` (each ending in '/', the prefix included), at most
   * `maxPages` pages of 1000. `first` stops after the first page (a probe).
   */
  async folders(prefix: string, maxPages: number, first = false): Promise<string[]> {
    const found: string[] = [];
    await this.pages(prefix, '/', maxPages, first ? 1 : undefined, (page) => {
      for (const entry of page.CommonPrefixes ?? []) {
        const folder = entry.Prefix;
        if (folder && this.childOf(prefix, folder, true)) found.push(folder);
      }
      return first;
    });
    return found;
  }

  /** Whether anything at all lies under `prefix` (one call of one key). */
  async exists(prefix: string): Promise<boolean> {
    let any = false;
    await this.pages(prefix, '/', 1, 1, (page) => {
      any = (page.CommonPrefixes?.length ?? 0) > 0 || (page.Contents?.length ?? 0) > 0;
      return true;
    });
    return any;
  }

  /**
   * The objects in the folder `prefix`, every page up to `maxPages`: directly in it, or, with
   * `nested`, those whose rest of key (after the prefix) it matches (a month's `DD/name`).
   */
  async objects(prefix: string, maxPages: number, nested?: RegExp): Promise<PlannedObject[]> {
    const found: PlannedObject[] = [];
    await this.pages(prefix, undefined, maxPages, undefined, (page) => {
      for (const entry of page.Contents ?? []) {
        const key = entry.Key;
        if (!key || !this.childOf(prefix, key, false, nested)) continue;
        const size = typeof entry.Size === 'number' && entry.Size >= 0 ? entry.Size : 0;
        const etag =
          typeof entry.ETag === 'string' && entry.ETag.length <= MAX_ETAG ? entry.ETag : '';
        const object: PlannedObject = { key, size, etag };
        const modified = entry.LastModified?.getTime();
        if (modified !== undefined && Number.isFinite(modified)) object.lastModified = modified;
        found.push(object);
      }
      return false;
    });
    return found;
  }

  /** Runs the pages of one listing; `onPage` returning true stops early. */
  private async pages(
    prefix: string,
    delimiter: string | undefined,
    maxPages: number,
    maxKeys: number | undefined,
    onPage: (page: ListPage) => boolean,
  ): Promise<void> {
    let token: string | undefined;
    const seen = new Set<string>();
    for (let page = 0; ; page++) {
      if (page >= maxPages) throw new S3ListingTooLongError(this.bucket, prefix, maxPages);
      this.signal?.throwIfAborted();
      this.calls++;
      let answer: ListPage;
      try {
        answer = (await this.client.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: prefix,
            ...(delimiter === undefined ? {} : { Delimiter: delimiter }),
            ...(maxKeys === undefined ? {} : { MaxKeys: maxKeys }),
            ...(token === undefined ? {} : { ContinuationToken: token }),
          }),
          this.signal ? { abortSignal: this.signal } : {},
        )) as ListPage;
      } catch (error) {
        this.signal?.throwIfAborted();
        throw new S3ListingError(error, this.bucket, prefix);
      }
      if (onPage(answer) || !answer.IsTruncated || !answer.NextContinuationToken) return;
      // A token handed back twice would page forever.
      if (seen.has(answer.NextContinuationToken))
        throw new S3ListingTooLongError(this.bucket, prefix, page + 1);
      seen.add(answer.NextContinuationToken);
      token = answer.NextContinuationToken;
    }
  }

  /** Whether `name` lies directly under `prefix` (a folder ends in its only '/'). */
  private childOf(prefix: string, name: string, folder: boolean, nested?: RegExp): boolean {
    if (!name.startsWith(prefix) || CONTROL.test(name)) return false;
    if (Buffer.byteLength(name, 'utf8') > MAX_KEY_BYTES) return false;
    const rest = name.slice(prefix.length);
    if (folder)
      return (
        rest.length > 1 && rest.indexOf('/') === rest.length - 1 && rest !== '../' && rest !== './'
      );
    if (nested) return nested.test(rest);
    return rest.length > 0 && !rest.includes('/');
  }
}

interface ListPage {
  CommonPrefixes?: { Prefix?: string }[];
  Contents?: { Key?: string; Size?: number; ETag?: string; LastModified?: Date }[];
  IsTruncated?: boolean;
  NextContinuationToken?: string;
}
