import { parseCidr } from '../sigma/cidr.js';
import { buildFilter } from '../sigma/filter-rule.js';
import { reasonOf } from '../sigma/rule-error.js';
import { CORRELATIONS } from '../correlations.js';
import { BUILTIN_RULES } from '../rules/index.js';
import { readYamlDocuments } from '../sigma/yaml-documents.js';
import {
  EXPECTATIONS,
  ROLE_KINDS,
  type RoleKind,
  TuningError,
  type SourcedEntry,
  type TuningEntry,
} from './model.js';

/** A tuning file is a page of YAML; a megabyte is generated or hostile. */
export const MAX_TUNING_BYTES = 256 * 1024;
/** Entries in all sources together: enough for any estate, few enough to test per finding. */
export const MAX_TUNING_ENTRIES = 5_000;
/** Names, patterns, labels and reasons are a line each. */
const MAX_TEXT = 500;

const SECTIONS = {
  networks: 'network',
  roles: 'role',
  accounts: 'account',
  suppressions: 'suppress',
  filters: 'filter',
} as const;

/** The keys each kind of entry may have: anything else is a typo, refused rather than ignored. */
const KEYS: Record<TuningEntry['kind'], readonly string[]> = {
  network: ['cidr', 'label'],
  role: ['principal', 'role', 'expects', 'networks', 'label'],
  account: ['account', 'label'],
  suppress: ['rule', 'principal', 'network', 'until', 'reason', 'by', 'at'],
  filter: [],
};

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Thrown inside one entry's check; the caller adds the file and the entry. */
class EntryProblem extends Error {}
const problem = (reason: string): never => {
  throw new EntryProblem(reason);
};

function text(value: unknown, name: string, required = true): string | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value === 'number') value = String(value);
  if (typeof value !== 'string' || value.trim() === '')
    return problem(`${name} should be text${required ? '' : ' when given'}`);
  const trimmed = value.trim();
  if (trimmed.length > MAX_TEXT) problem(`${name} is longer than ${MAX_TEXT} characters`);
  if (/[\x00-\x1f\x7f]/.test(trimmed)) problem(`${name} has control characters`);
  return trimmed;
}

function network(value: unknown, name: string): string {
  const cidr = text(value, name)!;
  if (!parseCidr(cidr)) problem(`${name} ${JSON.stringify(cidr)} is not an address or CIDR`);
  return cidr;
}

function checkKeys(value: Record<string, unknown>, kind: TuningEntry['kind']): void {
  for (const key of Object.keys(value))
    if (key !== 'kind' && !KEYS[kind].includes(key))
      problem(
        `unknown key ${JSON.stringify(key.slice(0, 40))} (expected ${KEYS[kind].join(', ')})`,
      );
}

/** Built-in rule ids: a misspelt one is refused, or it would silently tune nothing. */
let builtinIds: Set<string> | undefined;
export function isRuleId(name: string): boolean {
  builtinIds ??= new Set([...BUILTIN_RULES, ...CORRELATIONS].map((rule) => rule.id));
  return name === '*' || /^sigma:\S{1,200}$/.test(name) || builtinIds.has(name);
}

/** One entry checked and normalised; throws EntryProblem with the reason. */
function entryOf(value: unknown, kind: TuningEntry['kind']): TuningEntry {
  if (kind === 'filter') {
    if (!isMap(value)) return problem('a filter should be a Sigma filter document (a map)');
    // Compiled here so a broken filter is refused at load, named with its reason.
    try {
      buildFilter(value, 'tuning', 0, false);
    } catch (error) {
      problem(reasonOf(error));
    }
    return { kind, document: value };
  }
  if (!isMap(value)) return problem('should be a map');
  checkKeys(value, kind);
  const label = text(value.label, 'label', false) ?? '';
  switch (kind) {
    case 'network':
      return { kind, cidr: network(value.cidr, 'cidr'), label };
    case 'account': {
      const account = text(value.account, 'account')!;
      if (!/^(\d{12}|arn:[^\s]+|\*)$/.test(account))
        problem(`account ${JSON.stringify(account)} should be a 12-digit id or an ARN`);
      return { kind, account, label };
    }
    case 'role': {
      const role = text(value.role, 'role')!;
      if (!(ROLE_KINDS as readonly string[]).includes(role))
        problem(`role should be one of ${ROLE_KINDS.join(', ')}`);
      if (!Array.isArray(value.expects) || value.expects.length === 0)
        problem(`expects should list what the role does (${EXPECTATIONS.join(', ')}, or rule ids)`);
      const expects = (value.expects as unknown[]).map((item) => {
        const name = text(item, 'expects entry')!;
        if (
          !(EXPECTATIONS as readonly string[]).includes(name) &&
          (name === '*' || !isRuleId(name))
        )
          problem(
            `expects ${JSON.stringify(name)}: one of ${EXPECTATIONS.join(', ')}, or a rule id`,
          );
        return name;
      });
      let networks: string[] | undefined;
      if (value.networks !== undefined) {
        if (!Array.isArray(value.networks)) problem('networks should be a list of CIDRs');
        networks = (value.networks as unknown[]).map((item) => network(item, 'networks entry'));
      }
      return {
        kind,
        principal: text(value.principal, 'principal')!,
        role: role as RoleKind,
        expects,
        ...(networks ? { networks } : {}),
        label,
      };
    }
    case 'suppress': {
      const rule = text(value.rule, 'rule')!;
      if (!isRuleId(rule))
        problem(`rule ${JSON.stringify(rule)} is not a built-in rule id, sigma:<id> or *`);
      const until = text(value.until, 'until', false);
      if (until !== undefined && Number.isNaN(Date.parse(until)))
        problem(`until ${JSON.stringify(until)} is not a date (YYYY-MM-DD or an ISO time)`);
      const principal = text(value.principal, 'principal', false);
      const where = value.network === undefined ? undefined : network(value.network, 'network');
      const by = text(value.by, 'by', false);
      const at = text(value.at, 'at', false);
      return {
        kind,
        rule,
        ...(principal !== undefined ? { principal } : {}),
        ...(where !== undefined ? { network: where } : {}),
        ...(until !== undefined ? { until } : {}),
        reason: text(value.reason, 'reason')!,
        ...(by !== undefined ? { by } : {}),
        ...(at !== undefined ? { at } : {}),
      };
    }
  }
}

function refuse(source: string, at: string, reason: string): never {
  throw new TuningError(`${source}: ${at}: ${reason}`);
}

/**
 * The entries of a parsed tuning document: a map of sections (networks, roles, accounts,
 * suppressions, filters), each a list. Throws TuningError naming the source, the entry and why.
 */
export function entriesOfDocument(value: unknown, source: string): SourcedEntry[] {
  if (value === null || value === undefined) return [];
  if (!isMap(value))
    refuse(
      source,
      'top level',
      'should be a map of networks, roles, accounts, suppressions, filters',
    );
  const entries: SourcedEntry[] = [];
  for (const [section, list] of Object.entries(value)) {
    if (section === 'version') continue;
    const kind = SECTIONS[section as keyof typeof SECTIONS];
    if (kind === undefined)
      refuse(
        source,
        JSON.stringify(section.slice(0, 40)),
        `unknown section (expected ${Object.keys(SECTIONS).join(', ')})`,
      );
    if (list === null) continue;
    if (!Array.isArray(list)) refuse(source, section, 'should be a list');
    list.forEach((item, index) => {
      const at = `${section}[${index}]`;
      if (entries.length >= MAX_TUNING_ENTRIES)
        refuse(source, at, `more than ${MAX_TUNING_ENTRIES} entries`);
      try {
        entries.push({ entry: entryOf(item, kind), origin: { source, at } });
      } catch (error) {
        if (!(error instanceof EntryProblem)) throw error;
        refuse(source, at, error.message);
      }
    });
  }
  return entries;
}

/**
 * Entries kept in a case (a flat list, each with its `kind`): the same checks as a file's. The
 * first problem is returned, not thrown: the case's validator names it.
 */
export function caseEntryProblem(value: unknown, at: string): string | null {
  if (!isMap(value)) return `${at} should be an object`;
  const kind = value.kind;
  if (typeof kind !== 'string' || !Object.values(SECTIONS).includes(kind as never))
    return `${at}.kind should be one of ${Object.values(SECTIONS).join(', ')}`;
  try {
    entryOf(kind === 'filter' ? value.document : value, kind as TuningEntry['kind']);
    return null;
  } catch (error) {
    if (error instanceof EntryProblem) return `${at}: ${error.message}`;
    throw error;
  }
}

/** A case's stored entries (already validated when the case was opened), with their origin. */
export function caseEntries(values: readonly TuningEntry[]): SourcedEntry[] {
  return values.map((entry, index) => ({
    entry,
    origin: { source: 'case', at: `tuning[${index}]` },
  }));
}

/** A tuning file's text (YAML or JSON, one document) to entries; TuningError when it is wrong. */
export function parseTuningText(text: string, source: string): SourcedEntry[] {
  if (text.length > MAX_TUNING_BYTES)
    refuse(source, 'file', `is ${text.length} characters (limit ${MAX_TUNING_BYTES})`);
  const documents = readYamlDocuments(text);
  if (documents.length > 1) refuse(source, 'file', 'should hold one YAML document');
  const [document] = documents;
  if (document === undefined) return [];
  if ('error' in document) refuse(source, 'file', document.error);
  return entriesOfDocument(document.value, source);
}
