import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { gzipBomb, multiMemberBomb } from '../helpers/bombs.js';
import { CLI } from '../helpers/cli.js';
import { makeRecords, recordsJson, tempTree } from '../helpers/records.js';

/**
 * Decompression bombs beside honest files, through the real CLI in a child process: the bombs
 * are named, inflating stops at the cap, the honest files load, and the child's peak memory
 * stays bounded with two parse threads each handed a bomb.
 */

const tree = tempTree('bombs');
afterAll(() => tree.remove());

/** The child is killed past this: a load that never ends fails the test, it does not hang it. */
const DEADLINE_MS = 45_000;

/**
 * Peak RSS of the whole process (all its threads), in MB. Today's code peaked at ~890 MB on two
 * 192 MiB bombs; stats on a few small files peaks at ~110 MB, and each of the two parse threads
 * may hold one file's cap (32 MiB) plus one output chunk no larger, and its young generation
 * (64 MB): ~110 + 2 × 128 = ~370 MB at the very worst. Measured: ~180 MB.
 */
const RSS_CEILING_MB = 400;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  maxRssMb: number;
}

/** `trailhound ARGS`, with its peak RSS reported by a preloaded hook, killed at the deadline. */
function runMeasured(args: string[]): Promise<Run> {
  const hook = tree.write(
    'rss-hook.mjs',
    [
      "import { writeSync } from 'node:fs';",
      "import { isMainThread } from 'node:worker_threads';",
      'if (isMainThread)',
      "  process.on('exit', () => writeSync(2, `\\nmaxrss-kb ${process.resourceUsage().maxRSS}\\n`));",
    ].join('\n'),
  );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', pathToFileURL(hook).href, CLI, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`trailhound stats still running after ${DEADLINE_MS / 1000} s: killed`));
    }, DEADLINE_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const rss = /maxrss-kb (\d+)/.exec(stderr);
      resolve({ code, stdout, stderr, maxRssMb: rss ? Number(rss[1]) / 1024 : Infinity });
    });
  });
}

interface Stats {
  files: { read: number; skipped: number; failed: number };
  failures: { path: string; reason: string }[];
  events: number;
}

describe('decompression bombs and too many records', () => {
  // Two bombs over a megabyte each (fixed Huffman codes, ~160×): two parse jobs, one per thread.
  const bombs = [
    tree.write('trail/a-bomb.json.gz', gzipBomb(160, { fixed: true })),
    tree.write('trail/b-bomb.json.gz', gzipBomb(160, { fixed: true })),
  ];
  // Under inflated-max but past 200× its ~16 KB (the ratio path; the floor is lowered to 1 MB).
  const ratioBomb = tree.write('trail/c-ratio.json.gz', gzipBomb(16));
  // 24 members of 1 MiB each: no member alone reaches the cap, together they are far past it.
  const multiBomb = tree.write('trail/d-multi.json.gz', multiMemberBomb(24));
  // Honest files beside them: 3 records gzipped, 5 plain.
  tree.write(
    'trail/e-good.json.gz',
    gzipSync(recordsJson(makeRecords(3, '2024-03-01T10:00:00Z', 'Good'))),
  );
  tree.write('trail/f-good.json', recordsJson(makeRecords(5, '2024-03-02T10:00:00Z', 'Plain')));
  // 8 records each with records-per-file=6: CloudTrail's own shape (the scanner's path) and JSON
  // lines (the ordinary path); the first 6 of each load.
  const manyDelivery = tree.write(
    'trail/g-many.json.gz',
    gzipSync(recordsJson(makeRecords(8, '2024-03-03T10:00:00Z', 'Many'))),
  );
  const manyLines = tree.write(
    'trail/h-many.jsonl',
    makeRecords(8, '2024-03-04T10:00:00Z', 'Lines')
      .map((record) => JSON.stringify(record))
      .join('\n'),
  );

  it(
    'names each bomb, stops inflating at the cap, loads the rest, in bounded memory',
    { timeout: DEADLINE_MS + 5_000 },
    async () => {
      const run = await runMeasured([
        'stats',
        `${tree.root}/trail`,
        '--format',
        'json',
        '--workers',
        '2',
        '--strict',
        '--limit',
        'inflated-max=32MB',
        '--limit',
        'inflated-floor=1MB',
        '--limit',
        'records-per-file=6',
      ]);
      const stats = JSON.parse(run.stdout) as Stats;
      const reason = (path: string) => stats.failures.find((f) => f.path === path)?.reason;
      for (const bomb of bombs)
        expect(reason(bomb)).toBe(
          'expands beyond 32 MiB (decompression bomb); --limit inflated-max=SIZE allows more',
        );
      for (const bomb of [ratioBomb, multiBomb])
        expect(reason(bomb)).toMatch(
          /^expands beyond \d+(\.\d)? MiB \(decompression bomb, over 200× its \d+(\.\d)? KiB\); --limit inflated-ratio=N allows more$/,
        );
      for (const many of [manyDelivery, manyLines])
        expect(reason(many)).toBe(
          'holds more than 6 records: the first 6 loaded, the rest refused; --limit records-per-file=N allows more',
        );
      // 3 + 5 honest events, and the first 6 of each over-full file.
      expect(stats.events).toBe(3 + 5 + 6 + 6);
      expect(stats.files).toEqual({ read: 2, skipped: 0, failed: 6 });
      // --strict: a bomb is an input error.
      expect(run.code).toBe(1);
      expect(run.maxRssMb).toBeLessThan(RSS_CEILING_MB);
    },
  );
});
