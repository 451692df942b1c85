import type { CaseRefusal } from './errors.js';
import { CASE_SCHEMA_VERSION, type CaseFile } from './model.js';
import { escapedJson } from '../trail/safe-json.js';
import { CASE_FIELDS, findCaseProblem, isPlainObject } from './validate-case.js';

/**
 * The case file's text: pretty JSON (two spaces) with `schema` first, so an analyst can read it
 * with `less` and a program can tell what it is from the first line.
 *
 * The case holds attacker-controlled strings (user agents, request parameters). JSON.stringify
 * escapes C0 controls but writes DEL, C1 controls (0x9b is a CSI on many terminals), line
 * separators and invisible characters (bidi overrides, zero-width spaces, tag characters) raw;
 * escapedJson writes those as \u escapes too, so `cat case.json` cannot drive the terminal or
 * hide text. JSON.parse turns the escapes back into the same characters: the round trip stays
 * exact.
 */

/** The order fields are written in, whatever order the object was built in: schema first. */
const FIELD_ORDER: readonly (keyof CaseFile)[] = [
  'schema',
  'id',
  'title',
  'createdAt',
  'updatedAt',
  'sources',
  'suspects',
  'pinned',
  'eventNotes',
  'steps',
  'findings',
  'audit',
  'view',
];

export function serializeCase(value: CaseFile): string {
  const ordered: Record<string, unknown> = {};
  for (const field of FIELD_ORDER) ordered[field] = value[field];
  // Fields this version does not know (hand-added notes, say) are kept, after the known ones.
  for (const [field, item] of Object.entries(value)) if (!(field in ordered)) ordered[field] = item;
  return `${escapedJson(ordered, 2)}\n`;
}

export type ParsedCase =
  { ok: true; value: CaseFile } | { ok: false; reason: CaseRefusal; why: string };

function refused(reason: CaseRefusal, why: string): ParsedCase {
  return { ok: false, reason, why };
}

function describeJsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'a JSON list';
  if (value === null) return 'JSON null';
  return `a JSON ${typeof value}`;
}

/** Parses and checks a case file's text. Messages never quote the text (it may be hostile). */
export function parseCaseText(text: string): ParsedCase {
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  if (body.trim() === '') return refused('not-json', 'the file is empty');
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    // V8's wording varies with where the text stops ("Unexpected end", "Unterminated string",
    // "Expected …"); a case file always ends with its closing brace, so one that starts like an
    // object and does not is what an interrupted non-atomic write (or a copy) leaves.
    const trimmed = body.trimEnd();
    const cutOff =
      trimmed.startsWith('{') &&
      (!trimmed.endsWith('}') ||
        (error instanceof SyntaxError && /end of (JSON )?input/i.test(error.message)));
    return refused(
      'not-json',
      cutOff
        ? 'it is not valid JSON: it ends early, as if cut off while being written'
        : 'it is not valid JSON',
    );
  }
  if (!isPlainObject(value)) {
    return refused(
      'not-a-case',
      `it is not a trailhound case (it holds ${describeJsonKind(value)})`,
    );
  }
  const fieldsPresent = CASE_FIELDS.filter((field) => field in value).length;
  const looksLikeCase = fieldsPresent * 2 >= CASE_FIELDS.length;
  const schema = value.schema;
  if (typeof schema !== 'number' || !Number.isInteger(schema) || schema < 1) {
    return looksLikeCase
      ? refused('damaged', 'it is damaged: schema should be a whole number from 1')
      : refused('not-a-case', 'it is not a trailhound case (it has no case "schema" field)');
  }
  if (schema > CASE_SCHEMA_VERSION) {
    return refused(
      'newer-version',
      `it was written by a newer trailhound (case schema ${schema}; this version reads up to ${CASE_SCHEMA_VERSION}): upgrade trailhound to open it`,
    );
  }
  if (!looksLikeCase) {
    return refused('not-a-case', 'it is not a trailhound case (it lacks the case fields)');
  }
  const problem = findCaseProblem(value);
  if (problem !== null) return refused('damaged', `it is damaged: ${problem}`);
  // Older schemas would be migrated here; version 1 is the first, so there is nothing to do.
  return { ok: true, value: value as unknown as CaseFile };
}
