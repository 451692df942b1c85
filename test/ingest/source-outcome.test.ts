import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSources } from '../../source/ingest/index.js';
import { EventIndex } from '../../source/index/index.js';
import { makeRecords, recordsJson, tempTree } from '../helpers/records.js';

const tree = tempTree('source-outcome');
afterAll(() => tree.remove());

describe('what each source given yielded', () => {
  it('one outcome per input, in order, with the reason a source gave nothing', async () => {
    const good = tree.write('good/a.json', recordsJson(makeRecords(2, '2025-01-01T00:00:00Z')));
    tree.write('good/CloudTrail-Digest_x.json.gz', 'digest');
    const empty = path.join(tree.root, 'empty');
    fs.mkdirSync(empty);
    const digests = path.join(tree.root, 'digests');
    tree.write('digests/111_CloudTrail-Digest_us-east-1.json.gz', 'x');
    const hollow = tree.write('hollow.json', '{"Records": []}');
    const broken = tree.write('broken.json', '{');
    const missing = path.join(tree.root, 'missing.json');
    const stdin = new TextEncoder().encode(recordsJson(makeRecords(1, '2025-02-01T00:00:00Z')));
    const result = await loadSources(
      [
        { path: path.dirname(good) },
        { path: empty },
        { path: '-', bytes: stdin },
        { path: digests },
        { path: hollow },
        { path: broken },
        { path: missing },
      ],
      { sink: new EventIndex(), workers: 0 },
    );
    expect(result.sources).toEqual([
      { source: path.dirname(good), events: 2 },
      {
        source: empty,
        events: 0,
        problem: 'no CloudTrail log files in it (looked for .json, .jsonl, .ndjson, .gz too)',
      },
      { source: '-', events: 1 },
      {
        source: digests,
        events: 0,
        problem: 'no CloudTrail events: 1 file skipped (CloudTrail digest file)',
      },
      { source: hollow, events: 0, problem: 'holds no events' },
      { source: broken, events: 0, problem: expect.stringMatching(/^invalid JSON/) },
      { source: missing, events: 0, problem: 'no such file or directory' },
    ]);
  });
});
