/**
 * One fuzz case: a few files made from real records with random corruptions, loaded through the
 * ingest the CLI uses (on this thread), then exported the ways the CLI exports (events jsonl,
 * csv and table, stats, the report in every format), each output checked against the invariants.
 * Returns what broke, never throws: a throw past the per-file handling is itself a failure.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { emptyCase, serializeCase } from '../../case/index.js';
import { parseCli } from '../../cli/args.js';
import { eventsCommand } from '../../cli/events-command.js';
import type { CliIo } from '../../cli/io.js';
import { NoEventsError } from '../../cli/load-index.js';
import { reportCommand } from '../../cli/report-command.js';
import { statsCommand } from '../../cli/stats-command.js';
import { EventIndex } from '../../index/index.js';
import { loadSources } from '../../ingest/index.js';
import { rowRecords } from '../../ingest/row-records.js';
import { redactSecrets } from '../../trail/redact.js';
import { sanitizeText } from '../../trail/sanitize.js';
import {
  corruptRecord,
  damageBytes,
  damageGzip,
  type FuzzOptions,
  type Record_,
} from './corrupt.js';
import { findRaw, hostileString } from './hostile.js';
import { Random } from './random.js';

export interface FuzzFile {
  path: string;
  records: number;
  /** Records whose corruption may have made them malformed (wrong types, bad times). */
  doubtful: number;
  /** Byte-level damage, when the file was damaged. */
  damage?: string;
  notes: string[];
}

export interface CaseResult {
  seed: number;
  failures: string[];
  files: FuzzFile[];
  ms: number;
}

const FORMATS = [
  'records.json',
  'array.json',
  'lines.jsonl',
  'records.json.gz',
  'lines.jsonl.gz',
] as const;

function capture(): { io: CliIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const stderr = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      err += chunk.toString();
      done();
    },
  });
  return {
    io: { stdin: Readable.from([]), stderr, write: (text) => void (out += text) },
    out: () => out,
    err: () => err,
  };
}

function makeFile(
  dir: string,
  i: number,
  base: readonly Record_[],
  random: Random,
  options: FuzzOptions,
  seed: number,
): FuzzFile {
  const format = random.pick(FORMATS);
  const count = random.between(1, 12);
  const records: Record_[] = [];
  const notes: string[] = [];
  let doubtful = 0;
  for (let r = 0; r < count; r++) {
    const record = { ...random.pick(base), eventID: `fuzz-${seed}-${i}-${r}` } as Record_;
    if (random.chance(0.7)) {
      const corrupted = corruptRecord(record, random, options);
      records.push(corrupted.record);
      if (corrupted.doubtful) doubtful++;
      notes.push(`#${r}: ${corrupted.notes.join(', ')}`);
    } else records.push(record);
  }
  const lines = format.startsWith('lines');
  const text = lines
    ? records.map((record) => JSON.stringify(record)).join('\n')
    : JSON.stringify(format.startsWith('records') ? { Records: records } : records);
  const plain = Buffer.from(text);
  const gz = format.endsWith('.gz');
  let bytes: Buffer = gz ? gzipSync(plain) : plain;
  let damage: string | undefined;
  if (random.chance(0.3)) {
    const damaged =
      gz && random.chance(0.6) ? damageGzip(plain, random) : damageBytes(bytes, random);
    bytes = damaged.bytes;
    damage = damaged.note;
  }
  // Some names are hostile too: they reach stderr and the report's sources.
  const name = random.chance(0.2)
    ? hostileString(random, `f${i}`).replaceAll('/', '_').replaceAll('\0', '0')
    : `f${i}`;
  const path = join(dir, `${name}-${format}`);
  writeFileSync(path, bytes);
  return { path, records: count, doubtful, ...(damage ? { damage } : {}), notes };
}

const FORMULA_START = /^\s*[=+\-@\t\r]/;

/** Cells of CSV text (RFC 4180), rows split on CRLF outside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') ((cell += '"'), i++);
      else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') (row.push(cell), (cell = ''));
    else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += char;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

async function exportChecks(
  paths: string[],
  expectedRows: number,
  failedPaths: string[],
  fail: (check: string, detail: string) => void,
  workdir: string,
): Promise<void> {
  const run = async (name: string, argv: string[], command: typeof eventsCommand) => {
    // events names each failed file on stderr (stats lists them in its text, the report not).
    const namesFailures = name.startsWith('events');
    const { io, out, err } = capture();
    try {
      await command(parseCli(argv), io);
    } catch (error) {
      // No file gave an event: the CLI says why per file. Anything else escaped the handling.
      if (!(error instanceof NoEventsError) || expectedRows > 0)
        fail(
          `${name} threw`,
          error instanceof Error ? (error.stack ?? error.message) : String(error),
        );
      return undefined;
    }
    const raw = findRaw(err());
    if (raw) fail(`${name} stderr`, raw);
    for (const path of namesFailures ? failedPaths : [])
      if (!err().includes(sanitizeText(path)))
        fail(`${name} stderr`, `failed file not named: ${sanitizeText(path)}`);
    return out();
  };
  const sources = [...paths, '--workers', '0'];

  const jsonl = await run(
    'events jsonl',
    ['events', ...sources, '--format', 'jsonl'],
    eventsCommand,
  );
  if (jsonl !== undefined) {
    const raw = findRaw(jsonl);
    if (raw) fail('events jsonl', raw);
    const lines = jsonl.split('\n').filter((line) => line !== '');
    if (lines.length !== expectedRows)
      fail('events jsonl', `${lines.length} records written, ${expectedRows} loaded`);
    for (const line of lines)
      try {
        JSON.parse(line);
      } catch {
        fail('events jsonl', `a line is not JSON: ${sanitizeText(line.slice(0, 80))}`);
        break;
      }
  }

  const csv = await run('events csv', ['events', ...sources, '--format', 'csv'], eventsCommand);
  if (csv !== undefined) {
    const raw = findRaw(csv.replaceAll('\r\n', '\n'));
    if (raw) fail('events csv', raw);
    const rows = parseCsv(csv);
    if (rows.length !== expectedRows + 1)
      fail('events csv', `${rows.length - 1} rows written, ${expectedRows} loaded`);
    for (const cell of rows.flat())
      if (FORMULA_START.test(cell)) {
        fail('events csv', `cell starts like a formula: ${sanitizeText(cell.slice(0, 40))}`);
        break;
      }
  }

  for (const [name, argv] of [
    ['events table', ['events', ...sources]],
    ['stats', ['stats', ...sources]],
    ['stats json', ['stats', ...sources, '--format', 'json']],
  ] as const) {
    const command = name === 'events table' ? eventsCommand : statsCommand;
    const text = await run(name, [...argv], command);
    const raw = text === undefined ? undefined : findRaw(text);
    if (raw) fail(name, raw);
  }

  if (expectedRows === 0) return;
  // The report reads its case: the fuzzed files as its sources, a few fuzzed records pinned.
  await reportChecks(paths, fail, workdir, run);
}

/** A case whose sources are the fuzzed files and which pins their first few records. */
async function pinnedCase(paths: string[], workdir: string): Promise<string> {
  const index = new EventIndex();
  const loaded = await loadSources(
    paths.map((path) => ({ path })),
    { sink: index, workers: 0 },
  );
  const caseFile = emptyCase('fuzz', 'fuzz', new Date(0));
  caseFile.sources = paths.map((path) => ({ kind: 'path', value: path }));
  const records = rowRecords(loaded.files, (row) => index.location(row), 0);
  const rows = index.order().slice(0, 4);
  await records.read(rows, (row, record) => {
    const eventId = typeof record.eventID === 'string' ? record.eventID : '';
    const time = typeof record.eventTime === 'string' ? record.eventTime : '';
    caseFile.pinned.push({
      eventId,
      eventTime: time,
      record: redactSecrets(record),
      pinnedAt: '1970-01-01T00:00:00Z',
      note: hostileString(new Random(rows.length), 'note'),
    });
    const who = index.fields(row).principal;
    if (who !== '')
      caseFile.suspects.push({ kind: 'principal', value: who, markedAt: '', note: '' });
  });
  const casePath = join(workdir, 'fuzz.case.json');
  writeFileSync(casePath, serializeCase(caseFile));
  return casePath;
}

async function reportChecks(
  paths: string[],
  fail: (check: string, detail: string) => void,
  workdir: string,
  run: (name: string, argv: string[], command: typeof eventsCommand) => Promise<string | undefined>,
): Promise<void> {
  let casePath: string;
  try {
    casePath = await pinnedCase(paths, workdir);
  } catch (error) {
    // What `p` does (redact, save the case) with the first records: a throw is a failure too.
    fail('pin for report', error instanceof Error ? (error.stack ?? error.message) : String(error));
    return;
  }
  for (const format of ['md', 'txt', 'html', 'json']) {
    const text = await run(
      `report ${format}`,
      ['report', '--case', casePath, '--format', format, '--workers', '0'],
      reportCommand,
    );
    if (text === undefined) continue;
    const raw = findRaw(text);
    if (raw) fail(`report ${format}`, raw);
    if (format === 'html' && /<script/i.test(text)) fail('report html', 'a <script tag');
    if (format === 'json')
      try {
        JSON.parse(text);
      } catch {
        fail('report json', 'not JSON');
      }
  }
}

/** Runs one case in `dir` (created; the caller removes it). */
export async function fuzzCase(
  seed: number,
  base: readonly Record_[],
  dir: string,
  options: FuzzOptions,
): Promise<CaseResult> {
  const start = performance.now();
  const random = new Random(seed);
  const failures: string[] = [];
  const fail = (check: string, detail: string) => failures.push(`${check}: ${detail}`);
  mkdirSync(dir, { recursive: true });
  const files = Array.from({ length: random.between(1, 4) }, (_, i) =>
    makeFile(dir, i, base, random, options, seed),
  );
  try {
    const index = new EventIndex();
    const result = await loadSources(
      files.map((file) => ({ path: file.path })),
      { sink: index, workers: 0 },
    );
    const failedPaths: string[] = [];
    for (const file of files) {
      const report = result.reports.find((r) => r.path === file.path);
      if (!report) {
        fail('ingest', `no report for ${sanitizeText(file.path)}`);
        continue;
      }
      if (report.status === 'failed') failedPaths.push(file.path);
      if (report.status !== 'loaded' && !report.reason?.trim())
        fail('ingest', `${sanitizeText(file.path)} ${report.status} without a reason`);
      if (file.damage === undefined) {
        // An intact file: every record is read, every good one is an event.
        if (report.status !== 'loaded')
          fail(
            'ingest',
            `intact ${sanitizeText(file.path)} ${report.status}: ${sanitizeText(report.reason ?? '')}`,
          );
        else if (report.events + report.malformed !== file.records)
          fail(
            'ingest',
            `${sanitizeText(file.path)}: ${report.events} events + ${report.malformed} malformed of ${file.records} records`,
          );
        else if (report.events < file.records - file.doubtful)
          fail(
            'ingest',
            `${sanitizeText(file.path)}: ${report.events} events, ${file.records - file.doubtful} good records`,
          );
      } else if (report.events > file.records)
        fail(
          'ingest',
          `damaged ${sanitizeText(file.path)}: ${report.events} events from ${file.records} records`,
        );
    }
    await exportChecks(
      files.map((f) => f.path),
      index.size,
      failedPaths,
      fail,
      dir,
    );
  } catch (error) {
    fail('threw', error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
  return { seed, failures, files, ms: performance.now() - start };
}
