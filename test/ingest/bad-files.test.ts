import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventIndex } from '../../source/index/index.js';
import type { FileReport } from '../../source/ingest/index.js';
import { loadIndex } from '../helpers/load.js';
import {
  lookupEventsJson,
  makeRecord,
  makeRecords,
  recordsJson,
  tempTree,
} from '../helpers/records.js';

const tree = tempTree('bad-files');
// Unlinking needs write access to the directory only, so the mode-000 file goes too.
afterAll(() => tree.remove());

const names = (index: EventIndex) => [...index.order()].map((row) => index.value(row, 'eventName'));

describe('a directory of good and bad files', () => {
  const good1 = makeRecords(3, '2024-05-01T00:00:00Z', 'Good1-');
  const good2 = makeRecords(2, '2024-05-02T00:00:00Z', 'Good2-');
  const locked = makeRecords(1, '2024-05-03T00:00:00Z', 'Locked-');
  const bad: Record<string, RegExp> = {
    'truncated.json.gz': /^truncated or corrupt gzip \(unexpected end of file\)$/,
    'invalid.json': /^invalid JSON \(/,
    'wrong-shape.json': /^wrong shape: a JSON object with keys hello, not CloudTrail records$/,
    'empty.json': /^empty file$/,
    'blank.json': /^empty file$/,
  };
  let lockedReadable = false;
  let missing = '';
  let loaded: Awaited<ReturnType<typeof loadIndex>>;

  beforeAll(async () => {
    const big = gzipSync(recordsJson(makeRecords(50, '2024-04-01T00:00:00Z')));
    tree.write('corpus/truncated.json.gz', big.subarray(0, Math.floor(big.length / 2)));
    tree.write('corpus/invalid.json', '{"Records": [{"eventName": "ListBuckets",}]}');
    tree.write('corpus/wrong-shape.json', '{"hello":"world"}');
    tree.write('corpus/empty.json', '');
    tree.write('corpus/blank.json', '  \n\t\r\n  ');
    const lockedFile = tree.write('corpus/locked.json', recordsJson(locked));
    fs.chmodSync(lockedFile, 0o000);
    // Root (and CAP_DAC_OVERRIDE) reads a mode-000 file anyway: find out which case this is.
    try {
      fs.readFileSync(lockedFile);
      lockedReadable = true;
    } catch {
      lockedReadable = false;
    }
    tree.write('corpus/good1.json', recordsJson(good1));
    tree.write('corpus/sub/good2.json.gz', gzipSync(recordsJson(good2)));
    missing = path.join(tree.root, 'no-such-file.json');
    loaded = await loadIndex([path.join(tree.root, 'corpus'), missing]);
  });

  it('keeps exactly the good files’ events', () => {
    const expected = [...good1, ...good2, ...(lockedReadable ? locked : [])];
    expect(names(loaded.index)).toEqual(expected.map((r) => r.eventName));
  });

  it('reports every bad file as failed with its specific reason', () => {
    const byName = new Map<string, FileReport>(
      loaded.result.reports.map((r) => [path.basename(r.path), r]),
    );
    for (const [name, reason] of Object.entries(bad)) {
      const report = byName.get(name);
      expect(report, name).toMatchObject({ status: 'failed', events: 0 });
      expect(report?.reason, name).toMatch(reason);
    }
    expect(byName.get('no-such-file.json')).toEqual({
      path: missing,
      status: 'failed',
      reason: 'no such file or directory',
      events: 0,
      malformed: 0,
    });
    expect(byName.get('good1.json')).toMatchObject({ status: 'loaded', events: 3 });
    expect(byName.get('good2.json.gz')).toMatchObject({ status: 'loaded', events: 2 });
    if (lockedReadable) {
      expect(byName.get('locked.json')).toMatchObject({ status: 'loaded', events: 1 });
    } else {
      expect(byName.get('locked.json')).toMatchObject({
        status: 'failed',
        reason: 'permission denied',
      });
    }
    expect(loaded.result.reports).toHaveLength(Object.keys(bad).length + 4);
  });

  it('counts failures in progress and finishes', () => {
    const failed = Object.keys(bad).length + 1 + (lockedReadable ? 0 : 1);
    expect(loaded.result.progress).toMatchObject({
      filesTotal: Object.keys(bad).length + 4,
      filesDone: Object.keys(bad).length + 4,
      failed,
      skipped: 0,
      malformed: 0,
      done: true,
    });
  });
});

describe('malformed records inside a good file', () => {
  it('are skipped and counted while the others load', async () => {
    const [first, last] = makeRecords(2, '2024-06-01T00:00:00Z', 'Kept');
    const nameOnly = makeRecord({ eventName: 'NoTime' });
    delete nameOnly.eventTime;
    const noTimeNoName = makeRecord();
    delete noTimeNoName.eventTime;
    delete noTimeNoName.eventName;
    const junk = [42, 'a string', null, noTimeNoName, makeRecord({ eventTime: 'not-a-date' })];
    const file = tree.write('malformed/mixed.json', recordsJson([first, ...junk, nameOnly, last]));
    const { index, result } = await loadIndex([file]);
    // A record with a name but no time cannot be placed in time: malformed too, and named.
    expect(names(index)).toEqual(['Kept0', 'Kept1']);
    expect(result.reports[0]).toMatchObject({ status: 'loaded', events: 2, malformed: 6 });
    expect(result.reports[0]!.malformedReasons).toEqual([
      'record 2: not a JSON object',
      'record 3: not a JSON object',
      'record 4: not valid JSON (or null)',
    ]);
    expect(result.progress).toMatchObject({ events: 2, malformed: 6, failed: 0 });
  });

  it('a lookup-events entry whose CloudTrailEvent is not JSON is malformed, the rest load', async () => {
    const records = makeRecords(3, '2024-06-02T00:00:00Z', 'Lookup');
    const doc = JSON.parse(lookupEventsJson(records)) as { Events: { CloudTrailEvent: string }[] };
    doc.Events[1]!.CloudTrailEvent = '{"eventTime": "2024-06-02T00:01:00Z", "eventNa';
    const file = tree.write('malformed/lookup.json', JSON.stringify(doc));
    const { index, result } = await loadIndex([file]);
    expect(names(index)).toEqual(['Lookup0', 'Lookup2']);
    expect(result.progress.malformed).toBe(1);
  });

  it.each([
    ['in the middle', 2],
    ['first', 0],
    ['last, cut short', 4],
  ])('a JSON-lines file with one broken line (%s) keeps the other lines', async (_where, at) => {
    const records = makeRecords(5, '2024-06-03T00:00:00Z', 'Line');
    const text = records.map((record, i) => {
      const line = JSON.stringify(record);
      return i === at ? line.slice(0, Math.floor(line.length / 2)) : line;
    });
    const file = tree.write(`malformed/broken-${at}.jsonl`, text.join('\n'));
    const { index, result } = await loadIndex([file]);
    expect(names(index)).toEqual(records.filter((_, i) => i !== at).map((r) => r.eventName));
    expect(result.reports[0]).toMatchObject({ status: 'loaded', events: 4, malformed: 1 });
  });

  it('a record nested too deep to serialize does not bring the load down', async () => {
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    const normal = makeRecord({ eventTime: '2024-06-04T00:00:00Z', eventName: 'Normal' });
    const nested = makeRecord({ eventTime: '2024-06-04T00:05:00Z', eventName: 'Nested' });
    // Nested in both parts a dedupe key may serialize.
    const body = JSON.stringify({
      ...nested,
      requestParameters: 'DEEP',
      additionalEventData: 'DEEP',
    }).replaceAll('"DEEP"', `{"a":${deep}}`);
    const file = tree.write(
      'malformed/deep.json',
      `{"Records":[${JSON.stringify(normal)},${body}]}`,
    );
    const { index, result } = await loadIndex([file]);
    expect(names(index)).toEqual(['Normal', 'Nested']);
    expect(result.reports[0]).toMatchObject({ status: 'loaded', events: 2, malformed: 0 });
  });
});
