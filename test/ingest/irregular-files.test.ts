import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundedCli, boundedNode, mkfifo } from '../helpers/bounded.js';
import { makeRecords, recordsJson, tempTree } from '../helpers/records.js';

/**
 * A FIFO among the sources used to hang the load for good (a parse thread blocked in open(2),
 * holding the exit too); a `.json.gz` linked to /dev/zero read forever, its memory growing by
 * gigabytes. Every one runs in a child with a hard bound: a hang fails the test, it does not
 * stick the suite.
 */
const tree = tempTree('irregular');
afterAll(() => tree.remove());
const env = { XDG_STATE_HOME: join(tree.root, 'state') };

const FIFO = 'is a FIFO, not a regular file';
const DEVICE = 'is a character device, not a regular file';

describe('only regular files are read', { timeout: 60_000 }, () => {
  let trail: string;
  let named: { fifo: string; urandom: string };
  beforeAll(() => {
    tree.write('trail/good.json', recordsJson(makeRecords(3, '2024-05-01T00:00:00Z', 'Good-')));
    tree.write(
      'trail/sub/more.json.gz',
      gzipSync(recordsJson(makeRecords(2, '2024-05-02T00:00:00Z', 'More-'))),
    );
    trail = join(tree.root, 'trail');
    mkfifo(join(trail, 'pipe.json'));
    // In a tree, whatever its name: nothing CloudTrail delivers is a FIFO.
    mkfifo(join(trail, 'sub', 'fifo'));
    symlinkSync('pipe.json', join(trail, 'link.json'));
    symlinkSync('/dev/zero', join(trail, 'zero.json.gz'));
    // A socket file stays behind when its process ends without unlinking it.
    execFileSync('python3', [
      '-c',
      'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])',
      join(trail, 'sub', 'agent.sock'),
    ]);
    mkdirSync(join(tree.root, 'named'));
    named = {
      fifo: mkfifo(join(tree.root, 'named', 'pipe.json')),
      urandom: join(tree.root, 'named', 'x.json.gz'),
    };
    symlinkSync('/dev/urandom', named.urandom);
  });

  it('names each FIFO, device and socket with its kind; every good file loads', () => {
    const run = boundedCli(['stats', trail, named.fifo, named.urandom, '--format', 'json'], {
      env,
      measure: true,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const stats = JSON.parse(run.stdout) as {
      events: number;
      files: { read: number; failed: number };
      failures: { path: string; reason: string }[];
    };
    expect(stats.events).toBe(5);
    expect(stats.files).toMatchObject({ read: 2, failed: 7 });
    expect(stats.failures).toEqual([
      { path: join(trail, 'link.json'), reason: FIFO },
      { path: join(trail, 'pipe.json'), reason: FIFO },
      { path: join(trail, 'zero.json.gz'), reason: DEVICE },
      { path: join(trail, 'sub', 'agent.sock'), reason: 'is a socket, not a regular file' },
      { path: join(trail, 'sub', 'fifo'), reason: FIFO },
      { path: named.fifo, reason: FIFO },
      { path: named.urandom, reason: DEVICE },
    ]);
    // Nothing was read from the devices: today's code grew to gigabytes on them.
    expect(run.peakMb).toBeLessThan(400);
  });

  it('refuses a device as a case, FIFOs and devices as rules, and a FIFO swapped in for a re-read', () => {
    // One child for the library calls behind --case, --rules, the detail pane (RecordReader)
    // and the fetch threads (exports, detections): each used to block or read forever. (A FIFO
    // as --case is tried in the TUI itself, in test/cli/quit-stuck.test.ts.)
    const dist = (path: string) =>
      JSON.stringify(fileURLToPath(new URL(`../../dist/${path}`, import.meta.url)));
    const script = join(tree.root, 'library.mjs');
    writeFileSync(
      script,
      `
import { execFileSync } from 'node:child_process';
import { unlinkSync } from 'node:fs';
const { loadSources, RecordReader, fetchRecords } = await import(${dist('ingest/index.js')});
const { EventIndex } = await import(${dist('index/index.js')});
const { readCase } = await import(${dist('case/index.js')});
const { loadSigmaRules } = await import(${dist('detect/index.js')});
const [zeroCase, rules, dir, swapped] = process.argv.slice(2);
const caseRefusal = (() => { try { readCase(zeroCase); return 'read'; } catch (e) { return e.message; } })();
const ruleProblems = (await loadSigmaRules([rules])).problems.map((p) => [p.file, p.reason]);
const result = await loadSources([{ path: dir }], { sink: new EventIndex(), workers: 0 });
unlinkSync(swapped);
execFileSync('mkfifo', [swapped]);
const id = result.files.find((file) => file.path === swapped).id;
const reread = await new RecordReader(result.files).read(id, 0).then(() => 'read', (e) => e.message);
let records = 0;
const fetched = await fetchRecords(
  result.files,
  result.files.map((file) => ({ fileId: file.id, recordIndexes: Uint32Array.of(0) })),
  { workers: 1, onRecords: (batch) => (records += batch.records.length) },
);
const failures = fetched.failures.map((f) => [f.path, f.reason]);
console.log(JSON.stringify({ caseRefusal, ruleProblems, reread, failures, records }));
`,
    );
    const zeroCase = join(tree.root, 'zero-case.json');
    symlinkSync('/dev/zero', zeroCase);
    const rules = join(tree.root, 'rules');
    mkdirSync(rules);
    mkfifo(join(rules, 'pipe.yml'));
    symlinkSync('/dev/zero', join(rules, 'zero.yml'));
    const dir = join(tree.root, 'swap');
    const swapped = tree.write('swap/a.json', recordsJson(makeRecords(2, '2024-06-01T00:00:00Z')));
    tree.write('swap/b.json', recordsJson(makeRecords(2, '2024-06-02T00:00:00Z')));
    const run = boundedNode([script, zeroCase, rules, dir, swapped], { measure: true });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      caseRefusal: `cannot open case ${zeroCase}: it is a character device, not a regular file`,
      ruleProblems: [
        [join(rules, 'pipe.yml'), `cannot read: ${FIFO}`],
        [join(rules, 'zero.yml'), `cannot read: ${DEVICE}`],
      ],
      reread: `${swapped}: ${FIFO}`,
      failures: [[swapped, FIFO]],
      records: 1,
    });
    expect(run.peakMb).toBeLessThan(400);
  });
});
