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
