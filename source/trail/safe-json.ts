import { stringifyJson } from './deep-json.js';
import { presented } from './presenter-mask.js';

/**
 * JSON.stringify escapes C0 controls but passes DEL, C1 controls (`\x9b` is a CSI on many
 * terminals), bidi overrides and invisible format characters through raw. Output that may be
 * viewed in a terminal gets those as \uXXXX escapes too; the JSON means exactly the same.
 * Any depth is written whole (stringifyJson): this is the copy of the evidence other tools read.
 */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

export function safeJsonStringify(value: unknown, space?: number): string {
  return presented(stringifyJson(value, space) ?? 'null').replace(
    UNSAFE_IN_JSON,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
