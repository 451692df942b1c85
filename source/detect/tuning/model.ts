/**
 * Tuning as data: what an analyst knows about their own estate that no trail can teach — the
 * networks their people egress from, the CI, IaC and scanner roles and what is expected of them,
 * the other accounts that are meant to reach in, the findings never to raise again — and Sigma
 * filters. It comes from `--tuning FILE` and from the case; both are lists of the same entries.
 */

/** What an automation role is expected to do; each names the rules and techniques it covers. */
export const EXPECTATIONS = [
  'iam-write',
  'enumeration',
  'deploy',
  'assume-role',
  'secrets-read',
  'data-read',
] as const;
export type Expectation = (typeof EXPECTATIONS)[number];

export const ROLE_KINDS = ['ci', 'iac', 'scanner'] as const;
export type RoleKind = (typeof ROLE_KINDS)[number];

/** Where an entry came from, for the report's "tuning used" and the one-line problems. */
export interface EntryOrigin {
  /** The file (as given) or `case`. */
  source: string;
  /** `networks[2]`, `suppressions[0]` …: the entry within its source. */
  at: string;
}

/** An address or network the organisation egresses from: established for everyone, never new. */
export interface NetworkEntry {
  kind: 'network';
  cidr: string;
  label: string;
}

/** A CI, IaC or scanner principal (an actor name or pattern) and what it is expected to do. */
export interface RoleEntry {
  kind: 'role';
  principal: string;
  role: RoleKind;
  /** Expectation names or rule ids (`discovery-burst`, `sigma:<id>`). */
  expects: string[];
  /** Where it runs from; absent: anywhere (then its expected findings are lowered, not hidden). */
  networks?: string[];
  label: string;
}

/** Another account (id or ARN pattern) that is meant to reach into ours. */
export interface AccountEntry {
  kind: 'account';
  account: string;
  label: string;
}

/** A finding never to raise again: a rule, for a principal, from a network. */
export interface SuppressEntry {
  kind: 'suppress';
  /** A built-in rule id, `sigma:<id>`, or `*`. */
  rule: string;
  /** An actor name or pattern (`*` wildcards); absent: anyone. */
  principal?: string;
  /** A CIDR or an address every evidence event must come from; absent: anywhere. */
  network?: string;
  /** ISO date or time: evidence after it is no longer suppressed. */
  until?: string;
  reason: string;
  /** Who wrote it and when (a dismissal in the TUI fills these). */
  by?: string;
  at?: string;
}

/** A Sigma filter document (the Sigma filters specification), kept as written. */
export interface FilterEntry {
  kind: 'filter';
  document: Record<string, unknown>;
}

export type TuningEntry = NetworkEntry | RoleEntry | AccountEntry | SuppressEntry | FilterEntry;

/** One entry and where it came from. */
export interface SourcedEntry {
  entry: TuningEntry;
  origin: EntryOrigin;
}

/** One line naming the file, the entry and what is wrong with it. */
export class TuningError extends Error {
  override name = 'TuningError';
}
