import { describe, expect, it } from 'vitest';
import { EventIndex, filterRows } from '../../source/index/index.js';
import { HashSet64 } from '../../source/index/hash-set.js';
import { PairMap } from '../../source/index/pair-map.js';
import { mergeByTime, sortRowsByTime } from '../../source/index/time-order.js';
import { BatchBuilder } from '../../source/trail/batch.js';
import { TEXT_FIELDS } from '../../source/trail/event.js';
import { normalizeRecord } from '../../source/trail/normalize.js';
import { parseQuery } from '../../source/trail/query/index.js';
import { iamUser, makeRecord, type TestRecord } from '../helpers/records.js';

let stream = 0;

function batchOf(records: TestRecord[], fileId = 0) {
  const builder = new BatchBuilder(stream++, 2);
  records.forEach((record, i) => {
    const result = normalizeRecord(record);
    if (!result.ok) throw new Error(result.reason);
    builder.add(result.fields, [String(record.eventID)], fileId, i);
  });
  return builder.take();
}

function query(text: string) {
  const parsed = parseQuery(text, Date.parse('2024-03-02T00:00:00Z'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.query;
}

describe('time order', () => {
  const t = (seconds: number) => Date.parse('2025-01-01T00:00:00Z') + seconds * 1000;

  it('radix-sorts rows by second, keeping arrival order within a second', () => {
    const time = new Float64Array([t(3), t(1), t(2), t(1.5), Number.NaN, t(1)]);
    const sorted = sortRowsByTime(new Uint32Array([0, 1, 2, 3, 4, 5]), time);
    expect([...sorted]).toEqual([4, 1, 3, 5, 2, 0]);
  });

  it('sorts keys that differ only in their high 16 bits (beyond 18 hours apart)', () => {
    const day = 86_400_000;
    const base = Date.parse('2025-01-01T00:00:00Z');
    const time = new Float64Array([base + 400 * day, base, base + 3 * day, base + 70_000_000]);
    expect([...sortRowsByTime(new Uint32Array([0, 1, 2, 3]), time)]).toEqual([1, 3, 2, 0]);
  });

  it('merges a newer run into an older one, appending when it starts later', () => {
    const time = new Float64Array([t(1), t(3), t(5), t(2), t(4), t(6), t(7)]);
    expect([...mergeByTime(new Uint32Array([0, 1, 2]), new Uint32Array([3, 4]), time)]).toEqual([
      0, 3, 1, 4, 2,
    ]);
    expect([...mergeByTime(new Uint32Array([0, 1]), new Uint32Array([5, 6]), time)]).toEqual([
      0, 1, 5, 6,
    ]);
  });

  it('merges only the overlapping stretch, older first on equal times, same as a stable sort', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 50; round++) {
      const count = 1 + Math.floor(random() * 60);
      const time = Float64Array.from({ length: count }, () => t(Math.floor(random() * 20)));
      const split = Math.floor(random() * count);
      const byTime = (rows: number[]) => [...rows].sort((a, b) => time[a]! - time[b]! || a - b);
      const older = byTime(Array.from({ length: split }, (_, i) => i));
      const newer = byTime(Array.from({ length: count - split }, (_, i) => split + i));
      const merged = mergeByTime(Uint32Array.from(older), Uint32Array.from(newer), time);
      expect([...merged]).toEqual(byTime([...older, ...newer]));
    }
  });
});

describe('HashSet64', () => {
  it('adds once and grows without losing entries', () => {
    const set = new HashSet64();
    for (let i = 1; i <= 5000; i++) expect(set.add(i, i * 7)).toBe(true);
    for (let i = 1; i <= 5000; i++) expect(set.add(i, i * 7)).toBe(false);
    expect(set.size).toBe(5000);
    expect(set.add(1, 8)).toBe(true);
  });

  it('keeps its entries when room is reserved before and after adding', () => {
    const set = new HashSet64();
    set.reserve(3000);
    for (let i = 1; i <= 2000; i++) expect(set.add(i, i * 3)).toBe(true);
    set.reserve(50_000);
    for (let i = 1; i <= 2000; i++) expect(set.add(i, i * 3)).toBe(false);
    for (let i = 2001; i <= 40_000; i++) expect(set.add(i, i * 3)).toBe(true);
    expect(set.size).toBe(40_000);
  });
});

describe('PairMap', () => {
  it('keeps the first number stored per pair, through growth, and tells pairs apart by order', () => {
    const map = new PairMap();
    for (let a = 0; a < 300; a++)
      for (let b = 0; b < 30; b++) expect(map.add(a, b * 1_000_003, a * 30 + b)).toBe(true);
    expect(map.size).toBe(9000);
    expect(map.add(7, 3 * 1_000_003, 1)).toBe(false);
    for (let a = 0; a < 300; a++)
      for (let b = 0; b < 30; b++) expect(map.get(a, b * 1_000_003)).toBe(a * 30 + b);
    expect(map.get(1_000_003, 1)).toBe(-1);
    expect(map.get(0, 1)).toBe(-1);
    // Ids past 2^31 and the value 0 are ordinary.
    expect(map.add(0xffffffff, 0x80000000, 0)).toBe(true);
    expect(map.get(0xffffffff, 0x80000000)).toBe(0);
  });
});

describe('EventIndex', () => {
  const early = makeRecord({ eventTime: '2024-03-01T09:00:00Z', eventName: 'ConsoleLogin' });
  const late = makeRecord({
    eventTime: '2024-03-01T11:00:00Z',
    userIdentity: iamUser('KeyHunter'),
  });

  it('appends batches out of time order and orders them, dropping duplicates', () => {
    const index = new EventIndex();
    index.append(batchOf([late]));
    index.append(batchOf([early, late], 1));
    expect(index.size).toBe(2);
    expect(index.duplicates).toBe(1);
    expect([...index.order()].map((row) => index.value(row, 'eventName'))).toEqual([
      'ConsoleLogin',
      'ListBuckets',
    ]);
    expect(index.location(index.order()[0]!)).toEqual({ fileId: 1, recordIndex: 0 });
  });

  it('filters with cached match tables that follow new values as they arrive', () => {
    const index = new EventIndex();
    index.append(batchOf([early]));
    const q = query('user:keyhunter');
    expect(filterRows(index, q, index.order()).length).toBe(0);
    // A principal first seen after the filter ran must still match when it is re-applied.
    index.append(batchOf([late]));
    const rows = filterRows(index, q, index.order());
    expect([...rows].map((row) => index.value(row, 'principal'))).toEqual(['KeyHunter']);
    expect(filterRows(index, query('-user:KeyHunter'), index.order()).length).toBe(1);
  });

  it('remaps a stream whose later batches only carry the values they add', () => {
    const builder = new BatchBuilder(stream++, 2);
    const add = (record: TestRecord, i: number) => {
      const result = normalizeRecord(record);
      if (!result.ok) throw new Error(result.reason);
      builder.add(result.fields, [String(record.eventID)], 0, i);
    };
    add(early, 0);
    const first = builder.take();
    add(makeRecord({ eventTime: '2024-03-01T09:30:00Z', eventName: 'ConsoleLogin' }), 1);
    add(late, 2);
    const second = builder.take();
    // alice and ConsoleLogin were sent with the first batch; the second adds only KeyHunter.
    expect(second.newValues[TEXT_FIELDS.indexOf('principal')]).toEqual(['KeyHunter']);
    const index = new EventIndex();
    index.append(first);
    index.append(second);
    expect(
      [...index.order()].map(
        (row) => `${index.value(row, 'principal')} ${index.value(row, 'eventName')}`,
      ),
    ).toEqual(['alice ConsoleLogin', 'alice ConsoleLogin', 'KeyHunter ListBuckets']);
  });

  it('a bare word skips columns where nothing matches, and its negation keeps every row', () => {
    const index = new EventIndex();
    index.append(batchOf([early, late]));
    expect(filterRows(index, query('keyhunter'), index.order()).length).toBe(1);
    expect(filterRows(index, query('no-such-text'), index.order()).length).toBe(0);
    expect(filterRows(index, query('-no-such-text'), index.order()).length).toBe(2);
    // A value first seen after a filter ran counts in the re-applied filter's column choice.
    index.append(
      batchOf([makeRecord({ eventTime: '2024-03-01T12:00:00Z', userAgent: 'no-such-text/1.0' })]),
    );
    expect(filterRows(index, query('no-such-text'), index.order()).length).toBe(1);
  });

  it('matches Lambda event names by their operation name', () => {
    const index = new EventIndex();
    index.append(batchOf([makeRecord({ eventName: 'UpdateFunctionCode20150331v2' }), early]));
    const rows = filterRows(index, query('event:UpdateFunctionCode'), index.order());
    expect([...rows].map((row) => index.value(row, 'eventName'))).toEqual([
      'UpdateFunctionCode20150331v2',
    ]);
  });
});
