import type { TextField } from '../trail/event.js';
import { TEXT_FIELDS } from '../trail/event.js';
import { operationName } from '../trail/event-name.js';
import { compileMatcher, QUERY_FIELDS, type Query, type Term } from '../trail/query/index.js';
import type { EventIndex } from './event-index.js';
import { MatchTables, type MatchTable } from './match-tables.js';

type TextTerm = Exclude<Term, { kind: 'time' }>;

/** A test on one row, built from a term. */
type RowTest = (row: number) => boolean;

const tablesByIndex = new WeakMap<EventIndex, MatchTables>();

function tablesOf(index: EventIndex): MatchTables {
  let tables = tablesByIndex.get(index);
  if (!tables) tablesByIndex.set(index, (tables = new MatchTables()));
  return tables;
}

/**
 * Which values of a column match a term, as a 0/1 table by dictionary id: the matcher runs once
 * per distinct value (thousands, not millions), and the row scan is one lookup per row.
 */
function matchTable(index: EventIndex, field: TextField, term: TextTerm): MatchTable {
  const matches = compileMatcher(term, { valuesLowercased: true });
  // `event:UpdateFunctionCode` should also find Lambda's `UpdateFunctionCode20150331v2`.
  const test =
    field === 'eventName'
      ? (value: string) => matches(value) || matches(operationName(value))
      : matches;
  const key = `${field}\u0000${term.kind === 'field' ? term.field : '*'}\u0000${term.pattern}`;
  return tablesOf(index).get(key, index.dictionary(field).lowercased(), test);
}

function anyColumnTest(index: EventIndex, fields: readonly TextField[], term: TextTerm): RowTest {
  // A column where no value matches cannot make a row match: a bare word over thirteen columns
  // usually scans one or two.
  const parts = fields
    .map((field) => ({ column: index.column(field), ...matchTable(index, field, term) }))
    .filter((part) => part.matches > 0);
  if (parts.length === 0) return () => false;
  if (parts.length === 1) {
    const { column, table } = parts[0]!;
    return (row) => table[column[row]!] === 1;
  }
  return (row) => {
    for (const { column, table } of parts) if (table[column[row]!] === 1) return true;
    return false;
  };
}

function termTest(index: EventIndex, term: Term): RowTest {
  let test: RowTest;
  if (term.kind === 'time') {
    const times = index.times;
    const at = term.at;
    test = term.bound === 'after' ? (row) => times[row]! >= at : (row) => times[row]! < at;
  } else {
    const fields = term.kind === 'field' ? QUERY_FIELDS[term.field] : TEXT_FIELDS;
    test = anyColumnTest(index, fields, term);
  }
  return term.negate ? (row) => !test(row) : test;
}

/** A test for one row that holds when every term of the query does (for n / N jumps). */
export function compileRowTest(index: EventIndex, query: Query): RowTest {
  const tests = query.terms.map((term) => termTest(index, term));
  return (row) => tests.every((test) => test(row));
}

/** The rows of `rows` (kept in their order) for which every term holds. */
export function filterRows(index: EventIndex, query: Query, rows: Uint32Array): Uint32Array {
  if (query.terms.length === 0) return rows;
  const tests = query.terms.map((term) => termTest(index, term));
  const out = new Uint32Array(rows.length);
  let count = 0;
  if (tests.length === 1) {
    const test = tests[0]!;
    for (let i = 0; i < rows.length; i++) if (test(rows[i]!)) out[count++] = rows[i]!;
  } else {
    outer: for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      for (const test of tests) if (!test(row)) continue outer;
      out[count++] = row;
    }
  }
  return out.slice(0, count);
}
