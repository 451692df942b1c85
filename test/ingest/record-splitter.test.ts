import { describe, expect, it } from 'vitest';
import { parseContainer } from '../../source/ingest/containers.js';
import { RecordSplitter } from '../../source/ingest/record-splitter.js';
import { makeRecord, type TestRecord } from '../helpers/records.js';

/**
 * The splitter is what a file too big to read whole is loaded and re-read by: fed in pieces of
 * any size, it must find the records the whole-file reader finds, in the same order.
 */
function split(
  text: string | Buffer,
  piece: number,
  recordBytes = 1 << 20,
): { records: unknown[]; spans: [number, number][]; oversized: number[] } {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const records: unknown[] = [];
  const spans: [number, number][] = [];
  const oversized: number[] = [];
  const splitter = new RecordSplitter(recordBytes, (index, start, end, got) => {
    expect(index).toBe(records.length);
    spans.push([start, end]);
    if (!got) {
      oversized.push(index);
      records.push('oversized');
      return;
    }
    // Bytes handed over are exactly the file's bytes at the offsets re-reading will use.
    expect(got.equals(bytes.subarray(start, end))).toBe(true);
    try {
      records.push(JSON.parse(got.toString('utf8')));
    } catch {
      records.push('malformed');
    }
  });
  for (let at = 0; at < bytes.length; at += piece) {
    // A copy the splitter cannot keep: the caller reuses its buffer.
    const reused = Buffer.from(bytes.subarray(at, at + piece));
    splitter.push(reused);
    reused.fill(0);
  }
  splitter.end();
  return { records, spans, oversized };
}

/** Records with what trips a cutter: quotes, backslashes, braces and the record separator in strings. */
function awkwardRecords(count: number): TestRecord[] {
  return Array.from({ length: count }, (_, i) =>
    makeRecord({
      eventName: i % 3 === 0 ? 'Put"Object\\' : 'GetObject',
      requestParameters: {
        note: `},{"eventVersion":"1.0"}] \\\\" {[ ${'é'.repeat(i % 4)}`,
        list: [{ eventVersion: 'x' }, { nested: [[], {}] }],
      },
    }),
  );
}

const PIECES = [1, 2, 3, 7, 64, 1000, 1 << 20];

describe('the record splitter, fed in pieces', () => {
  const records = awkwardRecords(9);
  const containers: [string, string][] = [
    ['compact Records document', JSON.stringify({ Records: records })],
    ['pretty Records document', JSON.stringify({ Records: records }, null, 2)],
    ['bare array', JSON.stringify(records, null, 1)],
    ['JSON lines with a trailing newline', records.map((r) => JSON.stringify(r) + '\n').join('')],
    ['JSON lines without one', records.map((r) => JSON.stringify(r)).join('\n')],
    [
      'JSON lines with CRLF and blank lines',
      records.map((r) => JSON.stringify(r)).join('\r\n\r\n'),
    ],
    [
      'documents back to back',
      JSON.stringify({ Records: records.slice(0, 4) }, null, 2) +
        '\n' +
        JSON.stringify({ Records: records.slice(4) }),
    ],
    ['records back to back, pretty', records.map((r) => JSON.stringify(r, null, 2)).join('\n')],
    ['with a byte order mark', '\ufeff' + JSON.stringify({ Records: records })],
  ];
  for (const [name, text] of containers) {
    it(`finds what the whole-file reader finds: ${name}`, () => {
      const whole = parseContainer(text.replace(/^\ufeff/, ''));
      expect(whole.kind).toBe('events');
      const expected = whole.kind === 'events' ? whole.records : [];
      expect(expected).toHaveLength(9);
      const bytes = Buffer.from(text);
      // The mark is skipped by the reader before the splitter sees the bytes.
      const bom = text.startsWith('\ufeff') ? 3 : 0;
      for (const piece of PIECES) {
        const { records: found, spans } = split(bytes.subarray(bom), piece);
        expect(found, `pieces of ${piece}`).toEqual(expected);
        const [start, end] = spans[4]!;
        expect(JSON.parse(bytes.subarray(bom + start, bom + end).toString())).toEqual(records[4]);
      }
    });
  }

  it('costs a broken JSON line that line only, wherever the pieces fall', () => {
    const lines = records.map((r) => JSON.stringify(r));
    lines[3] = lines[3]!.slice(0, 40); // cut inside a string: the quotes no longer pair up
    for (const piece of PIECES) {
      const { records: found } = split(lines.join('\n') + '\n', piece);
      expect(found).toHaveLength(9);
      expect(found[3]).toBe('malformed');
      expect(found.filter((r) => r !== 'malformed')).toEqual(records.filter((_, i) => i !== 3));
    }
  });

  it('reports a record over the size bound without its bytes, and keeps its neighbours', () => {
    const big = makeRecord({ requestParameters: { blob: 'x'.repeat(5000) } });
    const doc = JSON.stringify({ Records: [records[0], big, records[1]] });
    const lines = [records[0], big, records[1]].map((r) => JSON.stringify(r)).join('\n');
    for (const text of [doc, lines]) {
      for (const piece of [3, 100, 4096, 1 << 20]) {
        const { records: found, oversized, spans } = split(text, piece, 4000);
        expect(found).toEqual([records[0], 'oversized', records[1]]);
        expect(oversized).toEqual([1]);
        // Its place is still known: the records after it keep their numbers and offsets.
        expect(spans[1]![1] - spans[1]![0]).toBe(JSON.stringify(big).length);
      }
    }
  });

  it('numbers non-objects and an unclosed last record as records, to be counted malformed', () => {
    const text = `{"Records":[${JSON.stringify(records[0])},null,7,"x",${JSON.stringify(records[1]).slice(0, 30)}`;
    for (const piece of [1, 5, 1 << 20]) {
      const { records: found } = split(text, piece);
      expect(found).toEqual([records[0], null, 7, 'x', 'malformed']);
    }
  });
});
