import type { PolicyText } from './types.js';

/**
 * IAM returns inline and trust policy documents URL-encoded (RFC 3986), e.g. `%7B%22Version...`.
 * Some endpoints (and some of IAM's own list calls) return them plain; plain JSON never starts with
 * `%`, so a document that parses as it is was not encoded.
 */
export function decodePolicyDocument(raw: string | undefined): PolicyText {
  if (raw === undefined || raw === '') return { text: '', document: undefined, error: 'empty' };
  const plain = tryParse(raw);
  if (plain.ok) return { text: raw, document: plain.value };
  let text: string;
  try {
    text = decodeURIComponent(raw);
  } catch {
    return { text: raw, document: undefined, error: 'not URL-encoded JSON' };
  }
  const decoded = tryParse(text);
  return decoded.ok
    ? { text, document: decoded.value }
    : { text, document: undefined, error: decoded.error };
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** One statement with its single-or-list fields made lists, for the flags to read. */
export interface Statement {
  sid: string | undefined;
  effect: string;
  actions: string[];
  notActions: string[];
  resources: string[];
  notResources: string[];
  principal: unknown;
  condition: unknown;
}

/** The statements of a parsed document, whatever its shape; nothing when it is not a policy. */
export function statementsOf(document: unknown): Statement[] {
  if (typeof document !== 'object' || document === null) return [];
  const raw = (document as Record<string, unknown>)['Statement'];
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list
    .filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null)
    .map((item) => ({
      sid: typeof item['Sid'] === 'string' ? item['Sid'] : undefined,
      effect: typeof item['Effect'] === 'string' ? item['Effect'] : '',
      actions: strings(item['Action']),
      notActions: strings(item['NotAction']),
      resources: strings(item['Resource']),
      notResources: strings(item['NotResource']),
      principal: item['Principal'],
      condition: item['Condition'],
    }));
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}
