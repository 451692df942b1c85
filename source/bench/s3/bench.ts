/**
 * `npm run bench -- s3 [EVENTS] [--runs N] [--cold] [--concurrency N]`: the bench's synthetic
 * tree (cached, in CloudTrail's own key layout) put into moto's S3 on loopback, then, in a fresh
 * process each and alternating so a slow stretch of a shared machine weighs on every side:
 *
 * - the tree read from disk (the floor these figures stand beside: `measure.js --load-only`);
 * - what moto can serve: every object fetched with GetObject, as many in flight as the pull
 *   uses, bodies dropped (the peer's own floor: no trailhound pull is faster than this);
 * - the cold pull: an empty cache, the real path (plan, pull, loader) to a fully indexed stream;
 * - the warm reopen: the same cache again (listings only, no GetObject).
 *
 * Targets: the cold pull within 1.5 × the disk load, its peak RSS within the disk load's + 100 MB.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { connect } from '../../aws/connect.js';
import { DEFAULT_S3_CONCURRENCY } from '../../ingest/s3/types.js';
import { loadNow, machineLine } from '../machine.js';
import { measureLoadOnly, measureProcess, type LoadMeasurement } from '../measure-process.js';
import { listFiles, syntheticTree } from '../synthetic-tree.js';
import type { S3LoadMeasurement, S3LoadRequest } from './measure-s3.js';
import { motoMissing, startMotoServer, type MotoServer } from './moto-server.js';
import { keyOf, uploadTree } from './upload.js';

const BUCKET = 'trailhound-bench-trail';
/** AWS's documented example keys: moto checks nothing, AWS would refuse them. */
const KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

export interface S3BenchOptions {
  events: number;
  runs: number;
  /** Only the cold pull (no warm reopen). */
  coldOnly: boolean;
  concurrency: number;
  /** Where the trees are cached (the main bench's folder). */
  treeRoot: string;
  /** Where each line goes (the test collects them). */
  print?: (line: string) => void;
}

export function parseS3BenchArgs(args: readonly string[], treeRoot: string): S3BenchOptions {
  const value = (flag: string) => {
    const at = args.indexOf(flag);
    return at >= 0 ? Number(args[at + 1]) : undefined;
  };
  // The size is the first number that is not a flag's value.
  const flagged = new Set(
    ['--runs', '--concurrency'].map((flag) => args.indexOf(flag)).filter((at) => at >= 0),
  );
  const events = args.map(Number).find((n, i) => n > 0 && !flagged.has(i - 1));
  return {
    events: events ?? 1_000_000,
    runs: Math.max(1, value('--runs') || 3),
    coldOnly: args.includes('--cold'),
    concurrency: Math.max(1, value('--concurrency') || DEFAULT_S3_CONCURRENCY),
    treeRoot,
  };
}

/**
 * The AWS environment of this process and its children: instance metadata off, empty config and
 * credentials files, fake keys, so nothing reaches for a real account. Returns the cleanup.
 */
function fakeAwsEnvironment(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'trailhound-s3-bench-aws-'));
  writeFileSync(join(dir, 'config'), '[default]\nregion = us-east-1\n');
  writeFileSync(join(dir, 'credentials'), '');
  for (const name of Object.keys(process.env))
    if (name.startsWith('AWS_')) delete process.env[name];
  Object.assign(process.env, {
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    AWS_ACCESS_KEY_ID: KEY,
    AWS_SECRET_ACCESS_KEY: SECRET,
    AWS_REGION: 'us-east-1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  return () => rmSync(dir, { recursive: true, force: true });
}

/** Every object fetched and its body read, `concurrency` in flight, nothing else done. */
async function getFloor(client: S3Client, keys: readonly string[], concurrency: number) {
  const start = performance.now();
  const cpuBefore = process.cpuUsage();
  let next = 0;
  let bytes = 0;
  const worker = async () => {
    while (next < keys.length) {
      const key = keys[next++]!;
      const answer = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      const body = await answer.Body!.transformToByteArray();
      bytes += body.length;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, keys.length) }, worker));
  const cpu = process.cpuUsage(cpuBefore);
  return {
    seconds: (performance.now() - start) / 1000,
    bytes,
    // This process's CPU for the requests alone: the SDK's share of a pull.
    clientCpu: (cpu.user + cpu.system) / 1e6,
  };
}

async function measureS3(request: S3LoadRequest): Promise<S3LoadMeasurement> {
  return JSON.parse(
    await measureProcess('./s3/measure-s3.js', [JSON.stringify(request)]),
  ) as S3LoadMeasurement;
}

/** moto's CPU seconds spent while `work` ran (undefined where /proc is not readable). */
async function withMotoCpu<T>(moto: MotoServer, work: () => Promise<T>) {
  const before = moto.cpuSeconds();
  const result = await work();
  const after = moto.cpuSeconds();
  return {
    result,
    motoCpu: before === undefined || after === undefined ? undefined : after - before,
  };
}

const seconds = (values: number[]) => values.map((v) => v.toFixed(2)).join(', ');
const mb = (value: number) => `${value.toFixed(0)} MB`;
const cpu = (value: number | undefined) => (value === undefined ? '?' : `${value.toFixed(1)} s`);

export interface S3BenchResult {
  events: number;
  objects: number;
  upload: { seconds: number; motoCpu: number | undefined; motoRssMb: number | undefined };
  disk: LoadMeasurement[];
  floor: { seconds: number; clientCpu: number; motoCpu: number | undefined }[];
  cold: (S3LoadMeasurement & { motoCpu: number | undefined })[];
  warm: (S3LoadMeasurement & { motoCpu: number | undefined })[];
}

export async function s3Bench(options: S3BenchOptions): Promise<S3BenchResult | undefined> {
  const print = options.print ?? ((line: string) => console.log(line));
  print(machineLine());
  const missing = motoMissing();
  if (missing) {
    print(`s3 bench: not run: moto's S3 is needed and ${missing}`);
    process.exitCode = 1;
    return undefined;
  }
  const treeStart = performance.now();
  const dir = await syntheticTree(options.treeRoot, options.events);
  const files = (await listFiles(dir)).sort();
  const treeSeconds = (performance.now() - treeStart) / 1000;
  const keys = files.map((file) => keyOf(dir, file));
  const restoreAws = fakeAwsEnvironment();
  const moto = await startMotoServer();
  const connection = await connect({ endpointUrl: moto.endpoint, region: 'us-east-1' });
  const caches: string[] = [];
  try {
    const client = connection.s3('us-east-1');
    const upload = await withMotoCpu(moto, () => uploadTree(client, BUCKET, dir, files, 32));
    const up = upload.result;
    const uploadFigures = {
      seconds: up.seconds,
      motoCpu: upload.motoCpu,
      motoRssMb: moto.rssMb(),
    };
    print(
      `\ns3: ${options.events.toLocaleString('en-US')} events, ${up.objects.toLocaleString('en-US')} objects, ${(up.bytes / 2 ** 20).toFixed(0)} MiB gzipped, ${up.firstDay}–${up.lastDay} (tree ready in ${treeSeconds.toFixed(1)} s)`,
    );
    print(
      `  moto (${moto.endpoint}, pid ${moto.pid}): upload ${up.seconds.toFixed(1)} s, ${Math.round(up.objects / up.seconds)} PutObject/s 32 in flight, moto CPU ${cpu(upload.motoCpu)}, moto RSS ${moto.rssMb() === undefined ? '?' : mb(moto.rssMb()!)} holding the bucket`,
    );
    const [y1, m1, d1] = up.firstDay.split('/').map(Number);
    const [y2, m2, d2] = up.lastDay.split('/').map(Number);
    const window = {
      since: Date.UTC(y1!, m1! - 1, d1!),
      until: Date.UTC(y2!, m2! - 1, d2! + 1) - 1,
    };
    const result: S3BenchResult = {
      events: options.events,
      objects: up.objects,
      upload: uploadFigures,
      disk: [],
      floor: [],
      cold: [],
      warm: [],
    };
    for (let run = 0; run < options.runs; run++) {
      const load = loadNow();
      const disk = await measureLoadOnly(dir);
      result.disk.push(disk);
      const floor = await withMotoCpu(moto, () => getFloor(client, keys, options.concurrency));
      result.floor.push({
        seconds: floor.result.seconds,
        clientCpu: floor.result.clientCpu,
        motoCpu: floor.motoCpu,
      });
      const cacheDir = mkdtempSync(join(tmpdir(), 'trailhound-s3-bench-cache-'));
      caches.push(cacheDir);
      const request: S3LoadRequest = {
        uri: `s3://${BUCKET}/`,
        endpoint: moto.endpoint,
        cacheDir,
        since: window.since,
        until: window.until,
        concurrency: options.concurrency,
      };
      const cold = await withMotoCpu(moto, () => measureS3(request));
      result.cold.push({ ...cold.result, motoCpu: cold.motoCpu });
      if (!options.coldOnly) {
        const warm = await withMotoCpu(moto, () => measureS3(request));
        result.warm.push({ ...warm.result, motoCpu: warm.motoCpu });
      }
      rmSync(cacheDir, { recursive: true, force: true });
      // Each run as it ends: a long bench shows where it is, and a stopped one what it had.
      const warm = result.warm[run];
      print(
        `  run ${run + 1} of ${options.runs} (${load}): disk ${disk.loadSeconds.toFixed(2)} s ${mb(disk.peakRssMb)} · moto's floor ${floor.result.seconds.toFixed(2)} s · cold ${cold.result.loadSeconds.toFixed(2)} s ${mb(cold.result.peakRssMb)}${warm ? ` · warm ${warm.loadSeconds.toFixed(2)} s ${mb(warm.peakRssMb)}` : ''}`,
      );
    }
    report(result, options, print);
    return result;
  } finally {
    connection.destroy();
    await moto.stop();
    for (const cache of caches) rmSync(cache, { recursive: true, force: true });
    restoreAws();
  }
}

function report(result: S3BenchResult, options: S3BenchOptions, print: (line: string) => void) {
  const best = (values: number[]) => Math.min(...values);
  const diskTimes = result.disk.map((d) => d.loadSeconds);
  const disk = best(diskTimes);
  const diskRss = Math.max(...result.disk.map((d) => d.peakRssMb));
  const diskEvents = result.disk[0]!.events;
  print(
    `  disk load to indexed stream:   ${disk.toFixed(2)} s best of ${seconds(diskTimes)}; peak RSS ${mb(diskRss)} (largest); CPU ${cpu(best(result.disk.map((d) => d.cpuSeconds)))}; first event at ${result.disk.map((d) => d.firstEventSeconds?.toFixed(2) ?? '?').join('/')} s; ${diskEvents.toLocaleString('en-US')} events`,
  );
  const floorTimes = result.floor.map((f) => f.seconds);
  const floor = best(floorTimes);
  print(
    `  moto's floor (bare GetObject): ${floor.toFixed(2)} s best of ${seconds(floorTimes)}; ${options.concurrency} in flight, ${Math.round(result.objects / floor)} objects/s; client CPU ${result.floor.map((f) => cpu(f.clientCpu)).join(', ')}; moto CPU ${result.floor.map((f) => cpu(f.motoCpu)).join(', ')}`,
  );
  const line = (label: string, runs: (S3LoadMeasurement & { motoCpu: number | undefined })[]) => {
    if (runs.length === 0) return;
    const times = runs.map((r) => r.loadSeconds);
    const time = best(times);
    const rss = Math.max(...runs.map((r) => r.peakRssMb));
    const ratio = time / disk;
    const requests = (name: string) => runs.map((r) => r.requests[name] ?? 0).join('/');
    print(
      `  ${label} ${time.toFixed(2)} s best of ${seconds(times)}  (${ratio.toFixed(2)} × disk, target ≤ 1.50 ×: ${ratio <= 1.5 ? 'met' : 'MISSED'}; ${(time / floor).toFixed(2)} × moto's floor)`,
    );
    print(
      `      peak RSS ${mb(rss)} (largest; disk + ${mb(rss - diskRss)}, target ≤ + 100 MB: ${rss - diskRss <= 100 ? 'met' : 'MISSED'}); CPU ${runs.map((r) => cpu(r.cpuSeconds)).join(', ')}; moto CPU ${runs.map((r) => cpu(r.motoCpu)).join(', ')}`,
    );
    print(
      `      plan ${runs.map((r) => r.planSeconds.toFixed(2)).join('/')} s, first event at ${runs.map((r) => (r.firstEventSeconds === undefined ? '?' : r.firstEventSeconds.toFixed(2))).join('/')} s; requests per run: GetObject ${requests('GetObject')}, ListObjectsV2 ${requests('ListObjectsV2')}, HeadBucket ${requests('HeadBucket')}; ${runs[0]!.objects.toLocaleString('en-US')} objects planned, ${runs.map((r) => r.cachedAtPlan).join('/')} cached`,
    );
    const wrong = runs.filter((r) => r.events !== diskEvents || r.failed > 0);
    for (const run of wrong)
      print(
        `      !!! ${run.events.toLocaleString('en-US')} events (disk: ${diskEvents.toLocaleString('en-US')}), ${run.failed} files failed${run.problems.length ? `: ${run.problems.join('; ')}` : ''}`,
      );
  };
  line('cold pull (empty cache):      ', result.cold);
  line('warm reopen (from the cache): ', result.warm);
}
