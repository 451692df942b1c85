import { stringifyJson } from './deep-json.js';
import { presented } from './presenter-mask.js';
import { unsafeCharacterPattern } from './sanitize.js';

/**
 * JSON.stringify escapes C0 controls and lone surrogates but passes DEL, C1 controls (`\x9b` is
 * a CSI on many terminals), bidi overrides and every invisible character (zero-width and format
 * characters, U+180E, U+FFF9-FFFB, tag characters, stray variation selectors) through raw.
 * Output that may be viewed in a terminal gets those as \uXXXX escapes too, the same set the
 * terminal view escapes (see sanitize.ts); a character beyond U+FFFF becomes its escaped
 * surrogate pair, as JSON spells it. The JSON means exactly the same value. C0 is left to
 * JSON.stringify, which also owns the real line breaks of pretty-printed output. Any depth is
 * written whole (stringifyJson): this is the copy of the evidence other tools read.
 */
const UNSAFE_IN_JSON = new RegExp(unsafeCharacterPattern('[\\x00-\\x1f]'), 'gv');

function jsonEscape(char: string): string {
  let out = '';
  for (let i = 0; i < char.length; i++)
    out += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
}

/** JSON with every unsafe character escaped, exactly as logged (no presenter mask): files kept. */
export function escapedJson(value: unknown, space?: number): string {
  return (stringifyJson(value, space) ?? 'null').replace(UNSAFE_IN_JSON, jsonEscape);
}

/** JSON for what a person views (stdout, reports): escaped, and masked in presenter mode. */
export function safeJsonStringify(value: unknown, space?: number): string {
  return presented(escapedJson(value, space));
}
