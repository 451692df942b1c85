/**
 * Puts a trail tree on disk into a bucket under the same keys (the path below the tree's root:
 * `AWSLogs/ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/NAME.json.gz`), many PutObjects in flight, and
 * says how long that took: the bucket the S3 bench pulls from.
 */
import { readFile } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CreateBucketCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

export interface Uploaded {
  objects: number;
  bytes: number;
  seconds: number;
  /** The span of days the keys cover (`YYYY/MM/DD`), for the window the pull asks for. */
  firstDay: string;
  lastDay: string;
}

/** The object key of a file under `root`: its relative path with '/' separators. */
export function keyOf(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}

export async function uploadTree(
  client: S3Client,
  bucket: string,
  root: string,
  files: readonly string[],
  concurrency = 32,
): Promise<Uploaded> {
  const start = performance.now();
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  let next = 0;
  let bytes = 0;
  const days: string[] = [];
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++]!;
      const key = keyOf(root, file);
      const body = await readFile(file);
      bytes += body.length;
      // The day is the three folders above the object: AWSLogs/A/CloudTrail/R/YYYY/MM/DD/name.
      days.push(key.split('/').slice(-4, -1).join('/'));
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentType: 'application/json',
        }),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  days.sort();
  return {
    objects: files.length,
    bytes,
    seconds: (performance.now() - start) / 1000,
    firstDay: days[0] ?? '',
    lastDay: days.at(-1) ?? '',
  };
}
