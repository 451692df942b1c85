/**
 * INTERIM (until plan.ts and index.ts land): an s3:// source as a loader input, planned by
 * listing the whole prefix (the real planner lists only the window's days) and pulled by the
 * s3pull lane's pullS3 through its cache.
 */
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { SourceInput } from '../../ingest/index.js';
import { openS3Cache } from '../../ingest/s3/cache.js';
import { pullS3 } from '../../ingest/s3/pull.js';
import type { PlannedObject, S3Plan, S3SourceOptions } from '../../ingest/s3/types.js';

export async function openBucket(
  uri: string,
  options: S3SourceOptions,
): Promise<{ input: SourceInput; plan: S3Plan }> {
  const [, bucket = '', prefix = ''] = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri) ?? [];
  const client = options.client(options.homeRegion);
  const cache = openS3Cache(options.cache);
  const objects: PlannedObject[] = [];
  let token: string | undefined;
  let listCalls = 0;
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
    );
    listCalls++;
    for (const item of page.Contents ?? [])
      objects.push({ key: item.Key!, size: item.Size ?? 0, etag: item.ETag ?? '' });
    token = page.NextContinuationToken;
  } while (token);
  const plan: S3Plan = {
    location: { bucket, prefix },
    bucketRegion: options.homeRegion,
    prefixes: [],
    objects,
    bytes: objects.reduce((sum, o) => sum + o.size, 0),
    cached: objects.filter((o) => cache.isCached(bucket, o)).length,
    listCalls,
    problems: [],
  };
  const pull = pullS3(plan, cache, options);
  const feed = {
    shown: uri,
    files: (async function* () {
      try {
        yield* pull.files;
      } finally {
        cache.close();
      }
    })(),
    problems: () => pull.problems(),
  };
  return { input: { feed, expectedBytes: plan.bytes }, plan };
}
