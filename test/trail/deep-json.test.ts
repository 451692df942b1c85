import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCase, openCase, pinRecord } from '../../source/case/index.js';
import { deepFreeze } from '../../source/case/deep-freeze.js';
import { ScannedFileReader } from '../../source/ingest/scanned-records.js';
import { BatchBuilder } from '../../source/trail/batch.js';
import {
  copyJson,
  depthOf,
  elideDeep,
  stringifyForDisplay,
  stringifyJson,
} from '../../source/trail/deep-json.js';
import { detailLines } from '../../source/trail/detail-lines.js';
import { dedupeKey } from '../../source/trail/dedupe-key.js';
import { limits } from '../../source/trail/limits.js';
import { REDACTED, redactSecrets } from '../../source/trail/redact.js';
import { safeJsonStringify } from '../../source/trail/safe-json.js';
import { sampleRecord, scratchDirectory } from '../case/helpers.js';
import { fixture } from '../helpers/fixtures.js';

/** `{"a":{"a":…"bottom"…}}`, `levels` objects deep, built from text as a log would hold it. */
function nested(levels: number, bottom: unknown = 'bottom'): Record<string, unknown> {
  return JSON.parse(
    `${'{"a":'.repeat(levels)}${JSON.stringify(bottom)}${'}'.repeat(levels)}`,
  ) as Record<string, unknown>;
}

function deepRecord(levels: number, bottom?: unknown): Record<string, unknown> {
  return sampleRecord('deep-1', { requestParameters: nested(levels, bottom) });
}

/** The real records of the shared fixtures (their deepest nests 7 levels). */
function fixtureRecords(): unknown[] {
  const records: unknown[] = [];
  for (const folder of ['stratus', 'awsdocs', 'edge-cases'])
    for (const name of readdirSync(fixture(folder))) {
      const text = readFileSync(join(fixture(folder), name), 'utf8');
      if (name.endsWith('.jsonl'))
        for (const line of text.split('\n')) if (line.trim()) records.push(JSON.parse(line));
      if (name.endsWith('.json')) records.push(...(JSON.parse(text) as unknown[]));
    }
  return records;
}

describe('walks over a record never recurse', () => {
  it('stringifyJson and stringifyForDisplay write what JSON.stringify writes', () => {
    const samples: unknown[] = [
      ...fixtureRecords(),
      {},
      [],
      { a: [], b: {}, c: [[], [{}]], d: undefined, e: null, f: [undefined, 1.5, -0, 'x\u2028'] },
      JSON.parse('{"__proto__":{"x":1},"k":"v"}'),
      'text',
      12,
      null,
    ];
    expect(samples.length).toBeGreaterThan(300);
    for (const sample of samples)
      for (const space of [0, 2]) {
        const native = JSON.stringify(sample, null, space);
        expect(stringifyJson(sample, space)).toBe(native);
        expect(stringifyForDisplay(sample, space)).toBe(native);
      }
  });

  it('honest records are kept whole: the depth bound is far below any real record', () => {
    const deepest = Math.max(...fixtureRecords().map((record) => depthOf(record)));
    expect(deepest).toBeLessThan(16);
    expect(limits().depth).toBeGreaterThanOrEqual(8 * deepest);
    for (const record of fixtureRecords()) expect(elideDeep(record)).toBe(record);
  });

  it('writes, copies, redacts and freezes a value nested 10,000 deep', () => {
    const deep = deepRecord(10_000, { password: 'hunter2' });
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    expect(depthOf(deep)).toBe(10_002);
    expect(depthOf(deep, 128)).toBe(129);

    const redacted = redactSecrets(deep);
    const text = stringifyJson(redacted)!;
    expect(text).toContain(`{"password":"${REDACTED}"}`);
    expect(text).not.toContain('hunter2');
    expect(depthOf(JSON.parse(text))).toBe(10_002);
    expect(safeJsonStringify(redacted)).toBe(text);
    expect(dedupeKey({ ...deep, additionalEventData: deep }, 'id')![3]).toHaveLength(
      stringifyJson(deep)!.length,
    );
    expect(Object.isFrozen(deepFreeze(copyJson(deep)))).toBe(true);
  });

  it('cuts a value past the depth bound to `{… N levels deeper}`', () => {
    const record = deepRecord(5000);
    // The record is level 1, its requestParameters level 2: 128 levels stay, 4,873 go.
    const cut = elideDeep(record, 128);
    expect(depthOf(cut)).toBe(128);
    expect(stringifyJson(cut)).toContain('"a":"{… 4,873 levels deeper}"');
    expect(elideDeep(deepRecord(3), 128)).toEqual(deepRecord(3));
    expect(elideDeep({ list: [[[[1]]]] }, 3)).toEqual({ list: [['[… 2 levels deeper]']] });
  });

  it('the detail pane shows the cut bare, with the key fields, from a record 5,000 deep', () => {
    const lines = detailLines(deepRecord(5000)).map((line) => line.text);
    expect(lines).toContain('eventName          AssumeRole');
    const cuts = lines.filter((line) => line.includes('{… 4,873 levels deeper}'));
    // Once under requestParameters, once in the full record; never quoted like a string.
    expect(cuts).toHaveLength(2);
    for (const cut of cuts) expect(cut).toMatch(/^ {35,37}1\d\d› "a": \{… 4,873 levels deeper\}$/);
    expect(lines.length).toBeLessThan(700);
  });

  it('pinning a record 5,000 deep saves it cut, and the case reopens', () => {
    const path = join(scratchDirectory(), 'deep.case.json');
    const store = createCase(path, { title: 'deep', sources: [] });
    expect(pinRecord(store, deepRecord(5000), '')).toBe(true);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('"a": "{… 4,873 levels deeper}"');
    expect(text).not.toContain('IQoJb3JpZ2luX2VjEXAMPLETOKEN');
    const reopened = openCase(path);
    expect(reopened.current.pinned).toHaveLength(1);
    expect(depthOf(reopened.current.pinned[0]!.record)).toBe(128);
  });

  it('a case file holding a record 5,000 deep (hand-edited) opens, cut, and saves', () => {
    const path = join(scratchDirectory(), 'edited.case.json');
    const store = createCase(path, { title: 'edited', sources: [] });
    pinRecord(store, sampleRecord('small'), '');
    const edited = readFileSync(path, 'utf8').replace(
      '"durationSeconds": 3600',
      `"durationSeconds": ${'{"a":'.repeat(5000)}"b"${'}'.repeat(5000)}`,
    );
    writeFileSync(path, edited);
    const reopened = openCase(path);
    expect(stringifyJson(reopened.current.pinned[0]!.record)).toContain('levels deeper}');
    reopened.update((draft) => (draft.title = 'renamed'), { action: 'renamed', detail: '' });
    expect(readFileSync(path, 'utf8')).toContain('"title": "renamed"');
  });

  it('the record scanner reads a file with one record past its own bound (64) the fast way', () => {
    const good = JSON.stringify(sampleRecord('good'));
    const deep = good.replace(
      '"durationSeconds":3600',
      `"d":${'['.repeat(5000)}${']'.repeat(5000)}`,
    );
    const bytes = Buffer.from(`{"Records":[${good},${deep},${good.replace('good', 'good-2')}]}`);
    const parsed: unknown[] = [];
    const reader = new ScannedFileReader(new BatchBuilder(0));
    const counts = reader.read(bytes, 0, (record) => parsed.push(record) > 0);
    // Only the deep record was parsed by JSON.parse; before, the whole file went the slow way.
    expect(counts).toEqual({ events: 3, malformed: 0 });
    expect(parsed).toHaveLength(1);
    expect(depthOf(parsed[0], 10_000)).toBe(5002);
  });
});
