/**
 * Checks that a parsed value has the CaseFile shape, field by field, so a damaged or hand-edited
 * file is refused at open with the first problem named, rather than crashing a screen later. The
 * store runs the same check before every save, so it never writes a file it would refuse to read.
 * Unknown extra fields are tolerated (and kept on save); the pinned records' contents are free.
 */

import { caseEntryProblem } from '../detect/tuning/parse.js';

/** Returns a description of the first problem at `at`, or null when the value fits. */
type Check = (value: unknown, at: string) => string | null;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const text: Check = (value, at) => (typeof value === 'string' ? null : `${at} should be text`);

const oneOf =
  (...allowed: string[]): Check =>
  (value, at) =>
    typeof value === 'string' && allowed.includes(value)
      ? null
      : `${at} should be one of ${allowed.join(', ')}`;

const yesNo: Check = (value, at) =>
  typeof value === 'boolean' ? null : `${at} should be true or false`;

/** A field newer cases have and older ones lack: checked only when present. */
const optional =
  (fields: Readonly<Record<string, Check>>, inner: Check): Check =>
  (value, at) => {
    const problem = inner(value, at);
    if (problem !== null || !isPlainObject(value)) return problem;
    for (const [name, check] of Object.entries(fields)) {
      if (!(name in value)) continue;
      const found = check(value[name], at === '' ? name : `${at}.${name}`);
      if (found !== null) return found;
    }
    return null;
  };

const anyObject: Check = (value, at) => (isPlainObject(value) ? null : `${at} should be an object`);

const listOf =
  (item: Check): Check =>
  (value, at) => {
    if (!Array.isArray(value)) return `${at} should be a list`;
    for (let index = 0; index < value.length; index++) {
      const problem = item(value[index], `${at}[${index}]`);
      if (problem !== null) return problem;
    }
    return null;
  };

const byKey =
  (item: Check): Check =>
  (value, at) => {
    if (!isPlainObject(value)) return `${at} should be an object`;
    for (const [key, entry] of Object.entries(value)) {
      const problem = item(entry, `${at}[${JSON.stringify(key)}]`);
      if (problem !== null) return problem;
    }
    return null;
  };

const shape =
  (fields: Readonly<Record<string, Check>>): Check =>
  (value, at) => {
    if (!isPlainObject(value)) return `${at} should be an object`;
    for (const [name, check] of Object.entries(fields)) {
      const path = at === '' ? name : `${at}.${name}`;
      if (!(name in value)) return `${path} is missing`;
      const problem = check(value[name], path);
      if (problem !== null) return problem;
    }
    return null;
  };

const source = shape({ kind: oneOf('path', 'live', 's3'), value: text });

const caseFields = shape({
  id: text,
  title: text,
  createdAt: text,
  updatedAt: text,
  sources: listOf(source),
  suspects: listOf(
    shape({ kind: oneOf('principal', 'ip', 'key'), value: text, markedAt: text, note: text }),
  ),
  pinned: listOf(
    shape({ eventId: text, eventTime: text, record: anyObject, pinnedAt: text, note: text }),
  ),
  eventNotes: byKey(text),
  steps: byKey(
    shape({
      state: oneOf('todo', 'in-progress', 'done', 'skipped', 'not-applicable'),
      reason: text,
      note: text,
      evidence: listOf(text),
      changedBy: text,
      changedAt: text,
    }),
  ),
  findings: byKey(
    shape({ verdict: oneOf('acknowledged', 'dismissed'), reason: text, at: text, by: text }),
  ),
  audit: listOf(shape({ at: text, by: text, action: text, detail: text })),
  view: optional(
    { newestFirst: yesNo },
    shape({ filter: text, selectedEventId: text, pane: oneOf('stream', 'detail') }),
  ),
});

/** Fields later cases have and older ones lack. */
const caseShape = optional(
  {
    baseline: optional({ until: text }, shape({ sources: listOf(source) })),
    // Each tuning entry is checked as a tuning file's is (see detect/tuning/parse.ts).
    tuning: listOf(caseEntryProblem),
  },
  caseFields,
);

/** The first way `value` (schema already checked) is not a CaseFile, or null if it is one. */
export function findCaseProblem(value: unknown): string | null {
  return caseShape(value, '');
}

/** Fields every case has; a JSON object with few of them is some other file, not a damaged case. */
export const CASE_FIELDS = ['id', 'title', 'createdAt', 'updatedAt', 'pinned', 'audit'] as const;

export { isPlainObject };
