import { isSensitiveEventName } from '../trail/event-name.js';
import type { EventFields } from '../trail/event.js';
import { fitWidth, sanitizeText } from '../trail/sanitize.js';

/** Column widths of the event stream for a terminal width; narrow screens drop the region. */
export interface StreamColumns {
  time: number;
  /** 0: one account loaded, no column. Narrower than an account id: its last digits. */
  account: number;
  principal: number;
  event: number;
  ip: number;
  region: number;
  error: number;
  longTime: boolean;
}

/** Two marker characters (selection, flag) lead every row. */
const MARKERS = 2;

/**
 * `accountDigits`: 0 when one account is loaded; else how many trailing digits tell the loaded
 * accounts apart (accountSuffixLength). Wide screens show the whole id; narrower ones those
 * digits (the detail pane names the whole account), so the principal and event keep their room.
 */
export function streamColumns(width: number, accountDigits = 0): StreamColumns {
  // Full dates from 120 terminal columns (the app draws one column short of the edge).
  const longTime = width >= 119;
  const time = longTime ? 19 : 14;
  const region = width >= 100 ? 14 : 0;
  const account = accountDigits === 0 ? 0 : longTime ? Math.max(12, accountDigits) : accountDigits;
  const ip = 15;
  const gaps = (region ? 6 : 5) + (account ? 1 : 0);
  const rest = Math.max(12, width - MARKERS - time - ip - region - account - gaps);
  const error = Math.max(6, Math.floor(rest * 0.2));
  const principal = Math.max(6, Math.floor((rest - error) * 0.45));
  const event = Math.max(6, rest - error - principal);
  return { time, account, principal, event, ip, region, error, longTime };
}

/** An account as a cell of `width`: whole when it fits, else its last digits. */
function accountCell(account: string, width: number): string {
  const clean = sanitizeText(account || '-');
  return fitWidth(clean.length > width ? clean.slice(-width) : clean, width);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** UTC always: incident timelines are compared across people and logs in UTC. */
export function formatTime(ms: number, long: boolean): string {
  if (Number.isNaN(ms)) return long ? '(no time)'.padEnd(19) : '(no time)'.padEnd(14);
  const d = new Date(ms);
  const day = `${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  const clock = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  return long ? `${d.getUTCFullYear()}-${day} ${clock}` : `${day} ${clock}`;
}

export type RowFlag = 'finding' | 'error' | 'sensitive' | 'none';

/** Severity rank (+1) from which a finding marks its evidence rows: medium and above. */
const MARKED_FROM = 3;

/**
 * What the flag column shows: a finding cites the event (medium or worse), it failed, or it
 * is an operation the analyst should notice. `finding` is the row's entry in the store's flags.
 */
export function rowFlag(fields: Pick<EventFields, 'error' | 'eventName'>, finding = 0): RowFlag {
  if (finding >= MARKED_FROM) return 'finding';
  if (fields.error) return 'error';
  return isSensitiveEventName(fields.eventName) ? 'sensitive' : 'none';
}

const FLAG_CHAR: Record<RowFlag, string> = { finding: '◆', error: '!', sensitive: '*', none: ' ' };

/**
 * The first marker: `›` the selection, `•` a pinned event (`»` when it is also selected), `+` an
 * event that arrived while following. Characters, not colors: they read without color too.
 */
function leadMarker(selected: boolean, fresh: boolean, pinned: boolean): string {
  if (selected) return pinned ? '»' : '›';
  return pinned ? '•' : fresh ? '+' : ' ';
}

/**
 * An error code as the column shows it: EC2's `Client.` / `Server.` prefix says nothing an
 * analyst needs and would make `Client.UnauthorizedOperation` and `Client.InvalidParameter…`
 * read alike in a narrow column (`Client.…`); without it the code's own words lead.
 */
function errorCode(error: string): string {
  return error.replace(/^(?:Client|Server)\./, '');
}

/** One stream row as plain text of exactly `width` columns; every value sanitized. */
export function formatRow(
  fields: Omit<EventFields, 'eventId'>,
  columns: StreamColumns,
  selected: boolean,
  finding = 0,
  /** Arrived while following a live account: marked `+`. */
  fresh = false,
  /** Pinned as evidence in the case. */
  pinned = false,
): string {
  const cells = [
    leadMarker(selected, fresh, pinned) + FLAG_CHAR[rowFlag(fields, finding)],
    formatTime(fields.time, columns.longTime),
    ...(columns.account ? [accountCell(fields.account, columns.account)] : []),
    fitWidth(sanitizeText(fields.principal || '-'), columns.principal),
    fitWidth(sanitizeText(fields.eventName || '-'), columns.event),
    fitWidth(sanitizeText(fields.sourceIp || '-'), columns.ip),
  ];
  if (columns.region) cells.push(fitWidth(sanitizeText(fields.region || '-'), columns.region));
  cells.push(fitWidth(errorCode(sanitizeText(fields.error)), columns.error));
  return cells.join(' ');
}

export function formatHeader(columns: StreamColumns, newestFirst = false): string {
  const cells = [
    '  ',
    // Which way time runs: `o` turns it; without color the label says it.
    fitWidth(newestFirst ? 'TIME ↓newest' : 'TIME (UTC)', columns.time),
    ...(columns.account
      ? [fitWidth(columns.account >= 7 ? 'ACCOUNT' : 'ACCT', columns.account)]
      : []),
    fitWidth('PRINCIPAL', columns.principal),
    fitWidth('EVENT', columns.event),
    fitWidth('SOURCE IP', columns.ip),
  ];
  if (columns.region) cells.push(fitWidth('REGION', columns.region));
  cells.push(fitWidth('ERROR', columns.error));
  return cells.join(' ');
}
