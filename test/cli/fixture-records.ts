/**
 * The shared fixtures read independently of trailhound (plain JSON.parse and zlib), so the CLI
 * tests compare its output with what the files really hold.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fixture } from '../helpers/fixtures.js';

export type Raw = { [key: string]: unknown };

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
    );
}

export function stratusRecords(): Raw[] {
  const dir = fixture('stratus');
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .flatMap((name) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as Raw[]);
}

export function flaws2Records(): Raw[] {
  return walk(fixture('flaws2'))
    .filter((file) => file.endsWith('.json.gz'))
    .flatMap(
      (file) =>
        (JSON.parse(gunzipSync(fs.readFileSync(file)).toString('utf8')) as { Records: Raw[] })
          .Records,
    );
}

export function jsonLinesRecords(file: string): Raw[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Raw);
}

/** Every event under ../shared/fixtures (the Sigma YAML and the README are not logs). */
export function allFixtureRecords(): Raw[] {
  return [
    ...stratusRecords(),
    ...flaws2Records(),
    ...jsonLinesRecords(fixture('awsdocs', 'awsdocs_cloudtrail_examples.jsonl')),
    ...jsonLinesRecords(fixture('edge-cases', 'elastic_format_samples.jsonl')),
  ];
}

/** A string at `keys` inside a record, '' when absent. */
export function field(record: Raw, ...keys: string[]): string {
  let value: unknown = record;
  for (const key of keys) value = (value as Raw | null | undefined)?.[key];
  return typeof value === 'string' ? value : '';
}

/** How the CLI prints an event time: ISO, no milliseconds. */
export function cliTime(record: Raw): string {
  return new Date(field(record, 'eventTime')).toISOString().replace('.000Z', 'Z');
}

export function byTime(a: Raw, b: Raw): number {
  return Date.parse(field(a, 'eventTime')) - Date.parse(field(b, 'eventTime'));
}

export function byEventId(a: Raw, b: Raw): number {
  return field(a, 'eventID').localeCompare(field(b, 'eventID'));
}

export function countBy(records: Raw[], key: (r: Raw) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const record of records) {
    const value = key(record);
    if (value !== '') counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

/** RFC 4180 CSV (CRLF records, `"` quoting with `""`), enough to read trailhound's exports. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted && char === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (quoted) {
      cell += char;
    } else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += char;
    }
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** Lines of output, without the empty string after the final newline. */
export function lines(text: string): string[] {
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}
