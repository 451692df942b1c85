import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BatchBuilder } from '../../source/trail/batch.js';
import { parseContainer } from '../../source/ingest/containers.js';
import { parseFiles } from '../../source/ingest/parse-files.js';
import { splitRecords } from '../../source/ingest/split-records.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { makeRecord, recordsJson, tempTree } from '../helpers/records.js';

/** What the whole-file parse makes of the same bytes: the reference the fast path must equal. */
function fullParse(bytes: Uint8Array): unknown[] | undefined {
  const result = parseContainer(Buffer.from(bytes).toString('utf8'));
  return result.kind === 'events' ? result.records : undefined;
}

function logFiles(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...logFiles(path));
    else if (/\.json(\.gz)?$/.test(name)) found.push(path);
  }
  return found;
}

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('the fast path for CloudTrail delivery files', () => {
  it('reads every fixture exactly as the full parse does, and takes the fast path for real delivery files', () => {
    const fast: string[] = [];
    for (const path of logFiles(FIXTURES)) {
      const raw = readFileSync(path);
      const inflated = path.endsWith('.gz') ? gunzipSync(raw) : raw;
      const records = splitRecords(inflated);
      if (records === undefined) continue;
      fast.push(path);
      expect(records, path).toEqual(fullParse(inflated));
    }
    // flaws2's eight S3 deliveries are in CloudTrail's own shape; the hand-made fixtures are not.
    expect(fast.filter((path) => path.endsWith('.json.gz'))).toHaveLength(8);
  });

  it('cuts only between records, never at the same bytes nested inside a record', () => {
    const nested = makeRecord({
      eventName: 'PutItems',
      requestParameters: { items: [{ eventVersion: '1' }, { eventVersion: '2' }] },
    });
    const text = recordsJson([makeRecord(), nested, makeRecord()]);
    expect(text).toContain('},{"eventVersion":"2"}');
    const records = splitRecords(bytes(text));
    expect(records).toEqual(fullParse(bytes(text)));
    expect(records).toHaveLength(3);
  });

  it('gives up on a record that would need too many rejoins, rather than parse it over and over', () => {
    const items = Array.from({ length: 40 }, (_, i) => ({ eventVersion: String(i) }));
    const text = recordsJson([makeRecord({ requestParameters: { items } }), makeRecord()]);
    expect(splitRecords(bytes(text))).toBeUndefined();
    expect(fullParse(bytes(text))).toHaveLength(2);
  });

  it('is not fooled by the separator spelled inside a string value', () => {
    const hostile = makeRecord({ userAgent: 'x"},{"eventVersion":"9","eventName":"Forged' });
    const text = recordsJson([hostile, makeRecord()]);
    const records = splitRecords(bytes(text));
    expect(records).toHaveLength(2);
    expect((records![0] as { userAgent: string }).userAgent).toBe(hostile.userAgent);
  });

  it('decodes UTF-8 strings the same as the full parse', () => {
    const text = recordsJson([makeRecord({ userAgent: 'Grüße ✓ 日本 \u202e' }), makeRecord()]);
    expect(splitRecords(bytes(text))).toEqual(fullParse(bytes(text)));
  });

  it('leaves to the full parse anything not exactly CloudTrail-shaped or not valid JSON', () => {
    const good = recordsJson([makeRecord(), makeRecord()]);
    const cases: Record<string, string> = {
      'raw control character inside a string': good.replace('aws-cli/', 'aws-cli/\u0001'),
      'truncated document': good.slice(0, -10),
      'trailing garbage': `${good}x`,
      'a null among the records': good.replace('},{"eventVersion"', '},null,{"eventVersion"'),
      'an empty array': '{"Records":[]}',
      'another member after Records': good.replace(/\]\}$/, '],"x":1}'),
      'pretty-printed': JSON.stringify(JSON.parse(good), null, 2),
      'a first record without eventVersion first': recordsJson([{ eventTime: 'x' }]),
    };
    for (const [why, text] of Object.entries(cases))
      expect(splitRecords(bytes(text)), why).toBeUndefined();
    // Whitespace after the document is still CloudTrail's shape.
    expect(splitRecords(bytes(`${good}\n`))).toHaveLength(2);
  });

  it('a file broken inside one record is reported whole, as before, not half-loaded', () => {
    const tree = tempTree('split-records');
    try {
      const broken = recordsJson([makeRecord(), makeRecord()]).replace('aws-cli/', 'aws-cli/\n');
      const path = tree.write('broken.json.gz', gzipSync(broken));
      const { files, batch } = parseFiles([{ fileId: 0, path }], new BatchBuilder(0));
      expect(files[0]).toMatchObject({ status: 'failed', events: 0 });
      expect(files[0]!.reason).toMatch(/invalid JSON/);
      expect(batch.count).toBe(0);
    } finally {
      tree.remove();
    }
  });
});
