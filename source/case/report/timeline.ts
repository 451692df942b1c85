import type { CaseFile } from '../model.js';
import { orNone, tableOr, type Block } from './document.js';
import { eventFromRecord } from './event-from-record.js';
import type { ReportEvent } from './input.js';
import { compareTimes, displayTime } from './time.js';

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

export function timelineBlocks(timeline: TimelineEntry[]): Block[] {
  const withNotes = timeline.some((entry) => entry.note !== '');
  const columns = ['Time (UTC)', 'Principal', 'Source IP', 'Event', 'Outcome', 'Why it is here'];
  if (withNotes) columns.push('Analyst note');
  const rows = timeline.map((entry) => {
    const row = [
      orNone(displayTime(entry.time)),
      orNone(entry.principal),
      orNone(entry.sourceIp),
      orNone(entry.eventName),
      entry.outcome === 'ok'
        ? { text: 'ok', tone: 'muted' as const }
        : { text: orNone(entry.outcome), tone: 'high' as const },
      orNone(reasonOf(entry)),
    ];
    if (withNotes) row.push(orNone(entry.note));
    return row;
  });
  return [
    { kind: 'heading', level: 2, text: 'Timeline' },
    tableOr(columns, rows, 'No events were pinned or flagged.'),
  ];
}
