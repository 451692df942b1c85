import type { CaseFile } from '../model.js';
import { orNone, tableOr, type Block, type CellValue } from './document.js';
import { eventFromRecord } from './event-from-record.js';
import type { ReportEvent } from './input.js';
import { compareTimes, displayTime } from './time.js';
import { RUN_GAP_MS, tally, timelineRuns, type TimelineRun } from './timeline-runs.js';

export interface TimelineEntry extends ReportEvent {
  /** The analyst's note on the event (event note, else the note given when pinning). */
  note: string;
}

/** Identity of an event for merging: its eventID, or what it did when the record had none. */
function identity(event: ReportEvent): string {
  return event.eventId
    ? `id:${event.eventId}`
    : `anon:${event.time}|${event.principal}|${event.eventName}|${event.sourceIp}`;
}

function union(left: string[], right: string[]): string[] {
  return [...new Set([...left, ...right])];
}

/**
 * Pinned and flagged events, one row per event, in time order. The case's own pinned records are
 * folded in too: the caller may have had no logs, and a report must never lose pinned evidence.
 * An event both pinned and flagged keeps both reasons.
 */
export function timelineSection(caseFile: CaseFile, events: ReportEvent[]): TimelineEntry[] {
  const pinnedNotes = new Map<string, string>();
  const all = [...events];
  for (const pin of caseFile.pinned) {
    all.push(eventFromRecord(pin.record, true));
    if (pin.eventId && pin.note) pinnedNotes.set(pin.eventId, pin.note);
  }

  const merged = new Map<string, ReportEvent>();
  for (const event of all) {
    const key = identity(event);
    const known = merged.get(key);
    merged.set(
      key,
      known
        ? {
            ...known,
            pinned: known.pinned || event.pinned,
            findingTitles: union(known.findingTitles, event.findingTitles),
            resources: union(known.resources, event.resources),
            ...(known.accessKeyId || !event.accessKeyId ? {} : { accessKeyId: event.accessKeyId }),
          }
        : { ...event },
    );
  }

  return [...merged.values()]
    .map((event) => ({
      ...event,
      note:
        (event.eventId && (caseFile.eventNotes[event.eventId] || pinnedNotes.get(event.eventId))) ||
        '',
    }))
    .sort(
      (a, b) =>
        compareTimes(a.time, b.time) ||
        (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0),
    );
}

/** Why an event is on the timeline, in words. */
export function reasonOf(entry: TimelineEntry): string {
  const reasons = [...(entry.pinned ? ['pinned'] : []), ...entry.findingTitles];
  return reasons.join('; ');
}

/** A resource as the timeline names it: the ARN's tail (`role/ops-admin`, `bucket/key`). */
function shortName(resource: string): string {
  if (!resource.startsWith('arn:')) return resource;
  const parts = resource.split(':');
  return parts.slice(5).join(':') || resource;
}

/** What a call acted on, shortest first-named, without a bucket that its object already names. */
export function targetsOf(resources: string[]): string[] {
  const names = [...new Set(resources.map(shortName))];
  return names.filter(
    (name) => !names.some((other) => other !== name && other.startsWith(`${name}/`)),
  );
}

/** At most `limit` values, then how many more there were. */
function some(values: string[], limit: number): string {
  if (values.length <= limit) return values.join(', ');
  return `${values.slice(0, limit).join(', ')} (+${values.length - limit} more)`;
}

/** TARGET_LIMIT targets and CALL_LIMIT call names fit a row; the JSON report has all of them. */
const TARGET_LIMIT = 3;
const CALL_LIMIT = 6;

function outcomeCell(outcomes: string[]): CellValue {
  const counted = tally(outcomes);
  if (counted.length === 1 && counted[0]!.value === 'ok') return { text: 'ok', tone: 'muted' };
  const text = counted
    .map(({ value, count }) => (outcomes.length > 1 ? `${orNone(value)} ×${count}` : orNone(value)))
    .join('; ');
  return { text, tone: 'high' };
}

function timeCell(run: TimelineRun): string {
  const first = run.entries[0]!;
  const last = run.entries.at(-1)!;
  if (run.entries.length === 1 || first.time === last.time) return orNone(displayTime(first.time));
  const from = displayTime(first.time);
  const to = displayTime(last.time);
  // Same day: the second time without its date.
  return `${from} to ${from.slice(0, 10) === to.slice(0, 10) ? to.slice(11) : to}`;
}

function eventCell(run: TimelineRun): string {
  if (run.entries.length === 1) return orNone(run.entries[0]!.eventName);
  const calls = tally(run.entries.map((entry) => entry.eventName)).map(({ value, count }) =>
    count > 1 ? `${value} ×${count}` : value,
  );
  return `${run.entries.length} calls: ${some(calls, CALL_LIMIT)}`;
}

/**
 * The timeline as a table. `collapse`: a run of like events is one row (who, from where, how
 * many, which calls, the span); without it every event has its own row.
 */
export function timelineBlocks(timeline: TimelineEntry[], collapse = true): Block[] {
  const withNotes = timeline.some((entry) => entry.note !== '');
  const columns = [
    'Time (UTC)',
    'Principal',
    'Source IP',
    'Event',
    'Target',
    'Outcome',
    'Why it is here',
  ];
  if (withNotes) columns.push('Analyst note');
  const runs = collapse ? timelineRuns(timeline) : timeline.map((entry) => ({ entries: [entry] }));
  const rows = runs.map((run) => {
    const first = run.entries[0]!;
    const row: CellValue[] = [
      timeCell(run),
      orNone(first.principal),
      orNone(first.sourceIp),
      eventCell(run),
      orNone(some(targetsOf(run.entries.flatMap((entry) => entry.resources)), TARGET_LIMIT)),
      outcomeCell(run.entries.map((entry) => entry.outcome)),
      orNone(reasonOf(first)),
    ];
    if (withNotes) row.push(orNone(first.note));
    return row;
  });
  const collapsed = runs.filter((run) => run.entries.length > 1).length;
  return [
    { kind: 'heading', level: 2, text: 'Timeline' },
    tableOr(columns, rows, 'No events were pinned, flagged or made by a suspect.'),
    ...(collapsed > 0
      ? [
          {
            kind: 'paragraph' as const,
            text: `${collapsed} row${collapsed === 1 ? '' : 's'} above stand${collapsed === 1 ? 's' : ''} for a run of like events (one principal, one address, cited alike, at most ${RUN_GAP_MS / 60_000} min apart); the JSON and HTML reports list each event.`,
          },
        ]
      : []),
  ];
}
