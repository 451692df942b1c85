import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundedCli, boundedRun } from '../helpers/bounded.js';
import { CLI } from '../helpers/cli.js';
import { makeRecords, recordsJson, tempTree } from '../helpers/records.js';

/**
 * A name holding a byte that is not UTF-8 (a Latin-1 `café`) used to be decoded into a string
 * that names no file: "no such file or directory", its events lost. Names are read as bytes,
 * opened by their bytes (also when a record is re-read), and shown with `\xNN` escapes.
 */
const tree = tempTree('file-names');
afterAll(() => tree.remove());
const env = { XDG_STATE_HOME: join(tree.root, 'state') };
/** A path whose `\xNN` are single bytes (Latin-1), and whose other characters are ASCII. */
const bytes = (path: string) => Buffer.from(path, 'latin1');

describe('file names that are not UTF-8', { timeout: 60_000 }, () => {
  let trail: string;
  beforeAll(() => {
    trail = join(tree.root, 'trail');
    mkdirSync(join(trail, 'sub'), { recursive: true });
    writeFileSync(
      bytes(`${trail}/caf\xe9.json.gz`),
      gzipSync(recordsJson(makeRecords(2, '2024-05-01T00:00:00Z', 'Cafe-'))),
    );
    // A directory so named, holding a UTF-8 `é` beside a Latin-1 one.
    mkdirSync(bytes(`${trail}/d\xff`));
    writeFileSync(
      Buffer.concat([bytes(`${trail}/d\xff/`), Buffer.from('é'), bytes('t\xe9.json')]),
      recordsJson(makeRecords(1, '2024-05-02T00:00:00Z', 'Deep-')),
    );
    writeFileSync(
      join(trail, 'sub', 'plain.json'),
      recordsJson(makeRecords(1, '2024-05-03T00:00:00Z', 'Plain-')),
    );
    // Arguments to a child are UTF-8 strings: the shell's printf makes the byte.
    execFileSync('sh', ['-c', 'mkfifo "$1$(printf "p\\351.json")"', 'sh', `${trail}/`]);
  });

  it('loads and re-reads them, and names a bad one with the byte escaped', () => {
    // jsonl re-reads every record from its file (fetch threads): the bytes must travel there.
    const run = boundedCli(['events', trail, '--format', 'jsonl'], { env });
    expect(run.stderr).toBe(`trailhound: ${trail}/p\\xe9.json: is a FIFO, not a regular file\n`);
    expect(run.status).toBe(0);
    const names = run.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { eventName: string }).eventName);
    expect(names).toEqual(['Cafe-0', 'Cafe-1', 'Deep-0', 'Plain-0']);
  });

  it('reads one named on the command line (Linux keeps its bytes in /proc/self/cmdline)', () => {
    // process.argv holds U+FFFD in place of the byte; the shell passes the byte itself.
    const run = boundedRun(
      'sh',
      [
        '-c',
        'exec "$0" "$1" stats --format json "$2$(printf "caf\\351.json.gz")"',
        process.execPath,
        CLI,
        `${trail}/`,
      ],
      { env },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ events: 2, files: { read: 1, failed: 0 } });
  });
});
