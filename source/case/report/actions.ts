import type { AuditEntry } from '../model.js';
import { orNone, tableOr, type Block } from './document.js';
import { compareTimes, displayTime } from './time.js';

export type ActionEntry = AuditEntry;

/** The audit log in time order; entries with the same time keep the order they were written in. */
export function actionsSection(audit: AuditEntry[]): ActionEntry[] {
  return audit
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => compareTimes(a.entry.at, b.entry.at) || a.index - b.index)
    .map(({ entry }) => ({
      at: entry.at,
      by: entry.by,
      action: entry.action,
      detail: entry.detail,
    }));
}

export function actionsBlocks(actions: ActionEntry[]): Block[] {
  return [
    { kind: 'heading', level: 2, text: 'Actions taken' },
    tableOr(
      ['Time (UTC)', 'Who', 'Action', 'Detail'],
      actions.map((entry) => [
        orNone(displayTime(entry.at)),
        orNone(entry.by),
        orNone(entry.action),
        orNone(entry.detail),
      ]),
      'The audit log is empty.',
    ),
  ];
}
