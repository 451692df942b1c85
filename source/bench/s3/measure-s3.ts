/**
 * One S3 load in its own process (so its peak RSS is its own): an `s3://` source opened through
 * the real path (plan, cache, pull, the loader fed as objects arrive), loaded through the store
 * with the App on screen exactly as the tree on disk is (store-load.ts), timed from the first
 * listing to the fully indexed stream. Prints one JSON line: the load's time, peak RSS, CPU,
 * events, and the S3 requests this process sent (counted in the client, per attempt).
 */
import { performance } from 'node:perf_hooks';
import type { S3Client } from '@aws-sdk/client-s3';
import { connect } from '../../aws/connect.js';
import { measureLoad } from '../store-load.js';
import { openS3Source, type S3Source } from '../../ingest/s3/index.js';

export interface S3LoadRequest {
  uri: string;
  endpoint: string;
  cacheDir: string;
  /** Epoch ms: the window the pull asks for (the tree's days). */
  since: number;
  until: number;
  concurrency: number;
}

export interface S3LoadMeasurement {
  loadSeconds: number;
  peakRssMb: number;
  cpuSeconds: number;
  events: number;
  files: number;
  failed: number;
  /** Seconds from the start to the plan (the listings). */
  planSeconds: number;
  /** Seconds from the start to the first event in the index. */
  firstEventSeconds: number | undefined;
  objects: number;
  cachedAtPlan: number;
  requests: Record<string, number>;
  problems: string[];
}

async function main() {
  const request = JSON.parse(process.argv[2] ?? '') as S3LoadRequest;
  const connection = await connect({ endpointUrl: request.endpoint, region: 'us-east-1' });
  // What this process asks S3, per attempt (the deserialize step runs once per attempt).
  const requests: Record<string, number> = {};
  const counted = new WeakSet<S3Client>();
  const client = (region: string) => {
    const s3 = connection.s3(region);
    if (!counted.has(s3)) {
      counted.add(s3);
      s3.middlewareStack.add(
        (next, context) => (args) => {
          const name = context.commandName?.replace(/Command$/, '') ?? 'Other';
          requests[name] = (requests[name] ?? 0) + 1;
          return next(args);
        },
        { step: 'deserialize', name: 'trailhoundBenchCount' },
      );
    }
    return s3;
  };
  let start = 0;
  let planSeconds = 0;
  let opened: S3Source | undefined;
  const load = await measureLoad(async () => {
    start = performance.now();
    const source = await openS3Source(request.uri, {
      client,
      homeRegion: connection.homeRegion,
      window: { since: request.since, until: request.until },
      concurrency: request.concurrency,
      cache: { dir: request.cacheDir },
    });
    if ('error' in source) throw new Error(source.error);
    opened = source;
    planSeconds = (performance.now() - start) / 1000;
    // As the CLI and the store feed the loader: the pull's files as they arrive.
    return [{ feed: source.feed(), expectedBytes: source.plan.bytes }];
  }, request.uri);
  // The session's end: the cache's index written (a reopen plans from it).
  opened?.close();
  const rss = process.resourceUsage().maxRSS / 1024;
  const cpu = process.cpuUsage();
  const out: S3LoadMeasurement = {
    loadSeconds: load.seconds,
    peakRssMb: rss,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    events: load.index.size,
    files: load.files,
    failed: load.failed,
    planSeconds,
    firstEventSeconds: load.firstEventSeconds,
    objects: opened?.plan.objects.length ?? 0,
    cachedAtPlan: opened?.plan.cached ?? 0,
    requests,
    problems: load.result.reports
      .filter((report) => report.status === 'failed')
      .slice(0, 5)
      .map((report) => `${report.path}: ${report.reason ?? 'failed'}`),
  };
  connection.destroy();
  process.stdout.write(`${JSON.stringify(out)}\n`);
  process.exit(0);
}

await main();
