import { fail } from './rule-error.js';
import type { SigmaRuleInfo } from './types.js';

/** A YAML document that is a map, the only shape a rule can have. */
export type RuleDocument = Record<string, unknown>;

/** Severity to show when a rule leaves `level` out: the lowest the spec defines. */
export const DEFAULT_LEVEL = 'informational';

const TECHNIQUE_TAG = /^attack\.(t\d{4}(?:\.\d{3})?)$/i;

function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(text).filter(Boolean).join(', ');
  return '';
}

function texts(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map(text).filter((entry) => entry.length > 0);
}

/** ATT&CK technique ids named by `attack.tNNNN[.NNN]` tags, upper-cased and de-duplicated. */
export function techniquesOf(tags: readonly string[]): string[] {
  const found = new Set<string>();
  for (const tag of tags) {
    const match = TECHNIQUE_TAG.exec(tag);
    if (match !== null) found.add(match[1]!.toUpperCase());
  }
  return [...found];
}

/**
 * The descriptive part every rule shares. A rule without an id gets one made from its file and
 * position so it can still be keyed; a rule without a title cannot be shown and is refused.
 */
export function ruleInfoOf(document: RuleDocument, file: string, position: number): SigmaRuleInfo {
  const title = text(document.title);
  if (title === '') fail('rule has no title');
  const tags = texts(document.tags);
  const name = text(document.name);
  const info: SigmaRuleInfo = {
    id: text(document.id) || `${file}#${position + 1}`,
    title,
    level: text(document.level).toLowerCase() || DEFAULT_LEVEL,
    status: text(document.status).toLowerCase(),
    author: text(document.author),
    references: texts(document.references ?? document.reference),
    description: text(document.description),
    techniques: techniquesOf(tags),
    tags,
    falsepositives: texts(document.falsepositives),
    file,
  };
  if (name !== '') info.name = name;
  return info;
}

/** The title, when there is one, for a problem report about a rule that failed later. */
export function titleOf(document: unknown): string | undefined {
  if (typeof document !== 'object' || document === null) return undefined;
  const title = text((document as RuleDocument).title);
  return title === '' ? undefined : title;
}
