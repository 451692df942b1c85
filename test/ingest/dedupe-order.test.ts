import { afterAll, describe, expect, it } from 'vitest';
import { EventIndex } from '../../source/index/index.js';
import { loadSources } from '../../source/ingest/index.js';
import type { EventBatch } from '../../source/trail/batch.js';
import { loadIndex } from '../helpers/load.js';
import { makeRecord, makeRecords, recordsJson, tempTree } from '../helpers/records.js';

const tree = tempTree('dedupe-order');
afterAll(() => tree.remove());

const names = (index: EventIndex) => [...index.order()].map((row) => index.value(row, 'eventName'));
const times = (index: EventIndex) => [...index.order()].map((row) => index.time(row));
const ascending = (values: number[]) => values.every((t, i) => i === 0 || t >= values[i - 1]!);

describe('duplicate deliveries', () => {
  it('the same record in two files is kept once and counted as a duplicate', async () => {
    const [shared, onlyA, onlyB] = makeRecords(3, '2024-07-01T00:00:00Z', 'Dup');
    const a = tree.write('two-files/a.json', recordsJson([shared, onlyA]));
    const b = tree.write('two-files/b.json', recordsJson([onlyB, shared]));
    const { index, result } = await loadIndex([a, b]);
    expect(names(index)).toEqual(['Dup0', 'Dup1', 'Dup2']);
    expect(index.duplicates).toBe(1);
    // Reports count what each file held; dropping duplicates is the index's business.
    expect(result.progress.events).toBe(4);
    // The kept copy is the first one delivered.
    expect(result.files[index.location(index.order()[0]!).fileId]!.path).toBe(a);
  });

  it('the same record twice in one file is kept once', async () => {
    const [record, other] = makeRecords(2, '2024-07-02T00:00:00Z', 'Twice');
    const file = tree.write('one-file/twice.json', recordsJson([record, other, record]));
    const { index } = await loadIndex([file]);
    expect(names(index)).toEqual(['Twice0', 'Twice1']);
    expect(index.duplicates).toBe(1);
  });

  it('loading the same tree twice into one index adds nothing', async () => {
    const file = tree.write('again/a.json', recordsJson(makeRecords(5, '2024-07-03T00:00:00Z')));
    const index = new EventIndex();
    await loadSources([{ path: file }], { sink: index, workers: 0 });
    await loadSources([{ path: file }], { sink: index, workers: 0 });
    expect(index.size).toBe(5);
    expect(index.duplicates).toBe(5);
  });

  // AWS's documentation examples reuse one eventID for different events: they differ in the name,
  // the time, or the sign-in details of additionalEventData.
  it.each<[string, Record<string, unknown>]>([
    ['eventName', { eventName: 'DeleteUser' }],
    ['eventTime', { eventTime: '2024-07-04T00:00:01Z' }],
    ['additionalEventData', { additionalEventData: { MFAUsed: 'Yes' } }],
  ])('records sharing an eventID but differing in %s are both kept', async (field, change) => {
    const base = makeRecord({ eventTime: '2024-07-04T00:00:00Z', eventName: 'CreateUser' });
    const file = tree.write(`shared-id/${field}.json`, recordsJson([base, { ...base, ...change }]));
    const { index } = await loadIndex([file]);
    expect(index.size).toBe(2);
    expect(index.duplicates).toBe(0);
  });

  it('records without an eventID are never dropped as duplicates', async () => {
    const record = makeRecord({ eventTime: '2024-07-05T00:00:00Z', eventName: 'NoId' });
    delete record.eventID;
    const file = tree.write('no-id/a.json', recordsJson([record, record]));
    const { index } = await loadIndex([file]);
    expect(index.size).toBe(2);
    expect(index.duplicates).toBe(0);
  });
});

describe('time order', () => {
  it('files given in reverse time order still come out in eventTime order', async () => {
    const late = makeRecords(3, '2024-08-03T00:00:00Z', 'Late');
    const middle = makeRecords(3, '2024-08-02T00:00:00Z', 'Middle');
    const early = makeRecords(3, '2024-08-01T00:00:00Z', 'Early');
    const files = [late, middle, early].map((records, i) =>
      tree.write(`reverse/${i}.json`, recordsJson(records)),
    );
    const { index } = await loadIndex(files);
    expect(names(index)).toEqual([...early, ...middle, ...late].map((r) => r.eventName));
  });

  it('records shuffled inside one file are sorted', async () => {
    const records = makeRecords(20, '2024-08-04T00:00:00Z', 'Shuffled');
    const shuffled = records.map((_, i) => records[(i * 7) % 20]!);
    const file = tree.write('shuffled/a.json', recordsJson(shuffled));
    const { index } = await loadIndex([file]);
    expect(names(index)).toEqual(records.map((r) => r.eventName));
  });

  it('batches appended later-first are merged into time order, also when read in between', async () => {
    // Discovery sorts by name; names run against time, and more files than fit one parse job
    // (256) make loadSources append several batches, the later events first.
    const count = 300;
    for (let i = 0; i < count; i++) {
      const time = new Date(Date.parse('2024-09-01T00:00:00Z') + (count - i) * 1000);
      const record = makeRecord({ eventTime: time.toISOString(), eventName: `At${count - i}` });
      tree.write(`batches/${String(i).padStart(4, '0')}.json`, recordsJson([record]));
    }
    const index = new EventIndex();
    const batches: { min: number; max: number }[] = [];
    const sink = {
      append(batch: EventBatch) {
        index.append(batch);
        batches.push({ min: Math.min(...batch.time), max: Math.max(...batch.time) });
        // Read the order between appends, as the UI does, so the next batch is merged in.
        expect(ascending(times(index))).toBe(true);
      },
    };
    await loadSources([{ path: `${tree.root}/batches` }], { sink, workers: 0 });
    expect(batches.length).toBeGreaterThanOrEqual(2);
    expect(batches[0]!.min).toBeGreaterThan(batches[1]!.max);
    expect(index.size).toBe(count);
    expect(names(index)).toEqual(Array.from({ length: count }, (_, i) => `At${i + 1}`));
  });

  it('a second load of earlier events into the same index sorts before the first', async () => {
    const later = tree.write(
      'two-loads/later.json',
      recordsJson(makeRecords(4, '2024-10-02T00:00:00Z', 'L')),
    );
    const earlier = tree.write(
      'two-loads/earlier.json',
      recordsJson(makeRecords(4, '2024-10-01T00:00:00Z', 'E')),
    );
    const index = new EventIndex();
    await loadSources([{ path: later }], { sink: index, workers: 0 });
    expect(names(index)).toEqual(['L0', 'L1', 'L2', 'L3']);
    await loadSources([{ path: earlier }], { sink: index, workers: 0 });
    expect(names(index)).toEqual(['E0', 'E1', 'E2', 'E3', 'L0', 'L1', 'L2', 'L3']);
  });

  it('records with a name but no eventTime are malformed, not events sorted first', async () => {
    const timed = makeRecords(3, '2024-11-01T00:00:00Z', 'Timed');
    const untimed = ['InsightA', 'InsightB'].map((eventName) => {
      const record = makeRecord({ eventName });
      delete record.eventTime;
      return record;
    });
    const index = new EventIndex();
    const result = await loadSources(
      [{ path: tree.write('untimed/a.json', recordsJson([...timed, ...untimed])) }],
      { sink: index, workers: 0 },
    );
    expect(names(index)).toEqual(['Timed0', 'Timed1', 'Timed2']);
    expect(result.reports[0]).toMatchObject({
      events: 3,
      malformed: 2,
      malformedReasons: ['record 4: no eventTime', 'record 5: no eventTime'],
    });
    expect(ascending(times(index))).toBe(true);
  });
});
