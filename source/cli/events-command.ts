import type { EventIndex } from '../index/index.js';
import { csvRow } from '../trail/export-safety.js';
import { redactSecrets } from '../trail/redact.js';
import { safeJsonStringify } from '../trail/safe-json.js';
import { sanitizeText, fitWidth } from '../trail/sanitize.js';
import { hasInputErrors, reportInputErrors } from './load-index.js';
import { recordsInOrder } from './records-in-order.js';
import type { CliIo } from './io.js';
import type { CliOptions } from './args.js';
import { openTrail } from './open-trail.js';

const CSV_COLUMNS = [
  ['eventTime', 'time'],
  ['principal', 'principal'],
  ['principalArn', 'principalArn'],
  ['identityType', 'identityType'],
  ['eventName', 'eventName'],
  ['eventSource', 'eventSource'],
  ['sourceIPAddress', 'sourceIp'],
  ['awsRegion', 'region'],
  ['account', 'account'],
  ['accessKeyId', 'accessKeyId'],
  ['userAgent', 'userAgent'],
  ['error', 'error'],
  ['resources', 'resources'],
] as const;

function isoTime(ms: number): string {
  return Number.isNaN(ms) ? '' : new Date(ms).toISOString().replace('.000Z', 'Z');
}

function tableLine(index: EventIndex, row: number): string {
  const f = index.fields(row);
  const cell = (value: string, width: number) => fitWidth(sanitizeText(value || '-'), width);
  return [
    fitWidth(isoTime(f.time) || '(no time)', 20),
    cell(f.principal, 32),
    cell(f.eventName, 32),
    cell(f.sourceIp, 24),
    cell(f.region, 14),
    sanitizeText(f.error),
  ]
    .join('  ')
    .trimEnd();
}

/** `trailhound events`: matching events in time order, as a table, original records, or CSV. */
export async function eventsCommand(options: CliOptions, io: CliIo): Promise<number> {
  const trail = await openTrail(options, io, options.filter);
  const { index, rows, result } = trail;
  const format = options.format ?? 'table';
  if (format === 'jsonl') {
    // The original records, re-read from their files, with every control character escaped.
    for await (const record of recordsInOrder(index, result.files, rows))
      await io.write(`${safeJsonStringify(redactSecrets(record))}\n`);
  } else if (format === 'csv') {
    await io.write(`${csvRow(CSV_COLUMNS.map(([header]) => header))}\r\n`);
    for (const row of rows) {
      const f = index.fields(row);
      const values = CSV_COLUMNS.map(([, field]) =>
        field === 'time' ? isoTime(f.time) : f[field].replaceAll('\n', ' '),
      );
      await io.write(`${csvRow(values)}\r\n`);
    }
  } else {
    for (const row of rows) await io.write(`${tableLine(index, row)}\n`);
  }
  reportInputErrors(result, io.stderr, sanitizeText);
  return options.strict && hasInputErrors(result) ? 1 : 0;
}
