import { qualifyName, splitQualified } from '../../trail/account-name.js';
import { isMultiAccount, principalAccountOf } from '../accounts.js';
import type { EventIndex } from '../event-index.js';
import { selectRows } from './subject-rows.js';
import { markExactThenCaseless, markIds, type ValueMatch } from './value-lookup.js';

/** Which rows a principal name stands for, and as what. */
export interface PrincipalMatch {
  name: string;
  kind: 'principal' | 'role';
  rows: Uint32Array;
}

function firstMarked(values: readonly string[], match: ValueMatch): string {
  const id = match.table.indexOf(1);
  return id > 0 ? values[id]! : '';
}

/**
 * Resolves a name the analyst typed: a principal value exactly, else ignoring case, else a role
 * name covering every `role/session` value of its AssumedRole sessions (exact case first).
 */
export function lookupPrincipal(index: EventIndex, name: string): PrincipalMatch | undefined {
  const found = resolvePrincipal(index, name);
  return found && 'rows' in found ? found : undefined;
}

/**
 * The qualified names (`ACCOUNT/name`) a bare name stands for when two or more accounts each
 * have a principal of that name; [] when it names one principal (or none).
 */
export function ambiguousPrincipal(index: EventIndex, name: string): string[] {
  const found = resolvePrincipal(index, name);
  return found && 'ambiguous' in found ? found.ambiguous : [];
}

/**
 * As lookupPrincipal, where several accounts are loaded: `123456789012/KeyHunter` is that
 * account's KeyHunter (the principal's own account: its ARN's, else the event's); a bare name
 * held by principals of two accounts is two people, never merged: ambiguous, with their names.
 * One account: names as they always were.
 */
function resolvePrincipal(
  index: EventIndex,
  name: string,
): PrincipalMatch | { ambiguous: string[] } | undefined {
  const several = isMultiAccount(index);
  const plain = lookupBare(index, name);
  const { account, name: rest } = splitQualified(name);
  if (!account || (plain && !several)) return plain && (several ? byAccount(index, plain) : plain);
  // `ACCOUNT/name`: that account's principal (a bare value of that very spelling came first).
  const bare = lookupBare(index, rest);
  if (!bare) return undefined;
  const ownerOf = principalAccountOf(index);
  const rows = bare.rows.filter((row) => ownerOf(row) === account);
  if (rows.length === 0) return undefined;
  return { ...bare, name: several ? qualifyName(account, bare.name) : bare.name, rows };
}

/** A match split by the principals' accounts: one account names it, two are ambiguous. */
function byAccount(
  index: EventIndex,
  match: PrincipalMatch,
): PrincipalMatch | { ambiguous: string[] } {
  const ownerOf = principalAccountOf(index);
  const accounts = new Set<string>();
  for (const row of match.rows) accounts.add(ownerOf(row));
  if (accounts.size > 1)
    return { ambiguous: [...accounts].sort().map((account) => qualifyName(account, match.name)) };
  const [only] = accounts;
  return { ...match, name: qualifyName(only ?? '', match.name) };
}

function lookupBare(index: EventIndex, name: string): PrincipalMatch | undefined {
  if (name === '') return undefined;
  const dictionary = index.dictionary('principal');
  const single = markExactThenCaseless(dictionary, name);
  if (single.matches > 0) {
    const rows = selectRows(index, { field: 'principal', table: single.table });
    if (rows.length > 0) {
      // Several values differing in case are shown under the name as typed.
      const shown = single.matches === 1 ? firstMarked(dictionary.values, single) : name;
      return { name: shown, kind: 'principal', rows };
    }
  }
  const assumedRole = markIds(index.dictionary('identityType').values, (t) => t === 'AssumedRole');
  if (assumedRole.matches === 0) return undefined;
  const prefix = `${name}/`;
  const lowerPrefix = prefix.toLowerCase();
  const candidates = [
    markIds(dictionary.values, (value) => value.startsWith(prefix)),
    markIds(dictionary.lowercased(), (value) => value.startsWith(lowerPrefix)),
  ];
  for (const sessions of candidates) {
    if (sessions.matches === 0) continue;
    const rows = selectRows(
      index,
      { field: 'principal', table: sessions.table },
      { field: 'identityType', table: assumedRole.table },
    );
    if (rows.length === 0) continue;
    // The role's name as the log spells it, whatever the case typed.
    const shown = firstMarked(dictionary.values, sessions).slice(0, name.length);
    return { name: shown, kind: 'role', rows };
  }
  return undefined;
}
