import type { TextField } from '../trail/event.js';
import { TEXT_FIELDS } from '../trail/event.js';
import { operationName } from '../trail/event-name.js';
import {
  compileMatcher,
  isGroup,
  QUERY_FIELDS,
  type Node,
  type Query,
  type Term,
} from '../trail/query/index.js';
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

/** A test on one column's values: one term, or a field's alternatives merged into one. */
interface ColumnTest {
  /** Names the table in the cache: the same key must always mean the same test. */
  key: string;
  matches: (value: string) => boolean;
}

/**
 * Which values of a column match, as a 0/1 table by dictionary id: the matcher runs once per
 * distinct value (thousands, not millions), and the row scan is one lookup per row.
 */
function matchTable(index: EventIndex, field: TextField, test: ColumnTest): MatchTable {
  const { matches } = test;
  // `event:UpdateFunctionCode` should also find Lambda's `UpdateFunctionCode20150331v2`.
  const tested =
    field === 'eventName'
      ? (value: string) => matches(value) || matches(operationName(value))
      : matches;
  const key = `${field}\u0000${test.key}`;
  return tablesOf(index).get(key, index.dictionary(field).lowercased(), tested);
}

function anyColumnTest(index: EventIndex, fields: readonly TextField[], test: ColumnTest): RowTest {
  // A column where no value matches cannot make a row match: a bare word over thirteen columns
  // usually scans one or two.
  const parts = fields
    .map((field) => ({ column: index.column(field), ...matchTable(index, field, test) }))
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

function columnTest(term: TextTerm): ColumnTest {
  const name = term.kind === 'field' ? term.field : '*';
  return {
    key: `${name}\u0000${term.pattern}`,
    matches: compileMatcher(term, { valuesLowercased: true }),
  };
}

/**
 * Positive values of one field joined by OR (`event:A,B`, `event:A OR event:B`) share a column:
 * one table that matches any of them costs one lookup per row instead of one per value. Bare
 * words joined by OR share all the columns the same way.
 */
function mergedAlternatives(index: EventIndex, terms: TextTerm[]): RowTest {
  const tests = terms.map(columnTest);
  const matchers = tests.map((test) => test.matches);
  const merged: ColumnTest = {
    key: tests.map((test) => test.key).join('\u0001'),
    matches: (value) => matchers.some((matches) => matches(value)),
  };
  return anyColumnTest(index, columnsOf(terms[0]!), merged);
}

function columnsOf(term: TextTerm): readonly TextField[] {
  return term.kind === 'field' ? QUERY_FIELDS[term.field] : TEXT_FIELDS;
}

function termTest(index: EventIndex, term: Term): RowTest {
  let test: RowTest;
  if (term.kind === 'time') {
    const times = index.times;
    const at = term.at;
    test = term.bound === 'after' ? (row) => times[row]! >= at : (row) => times[row]! < at;
  } else {
    test = anyColumnTest(index, columnsOf(term), columnTest(term));
  }
  return term.negate ? (row) => !test(row) : test;
}

/** The tests of an OR's alternatives, positive text terms on the same columns merged into one. */
function alternativeTests(index: EventIndex, children: readonly Node[]): RowTest[] {
  const byColumns = new Map<string, TextTerm[]>();
  const tests: RowTest[] = [];
  for (const child of children) {
    if ((child.kind === 'field' || child.kind === 'word') && !child.negate) {
      const columns = child.kind === 'field' ? child.field : '*';
      const same = byColumns.get(columns);
      if (same) same.push(child);
      else byColumns.set(columns, [child]);
    } else {
      tests.push(nodeTest(index, child));
    }
  }
  for (const terms of byColumns.values()) {
    const merged =
      terms.length === 1 ? termTest(index, terms[0]!) : mergedAlternatives(index, terms);
    tests.unshift(merged);
  }
  return tests;
}

function nodeTest(index: EventIndex, node: Node): RowTest {
  if (!isGroup(node)) return termTest(index, node);
  let test: RowTest;
  if (node.kind === 'and') {
    const tests = node.children.map((child) => nodeTest(index, child));
    test = tests.length === 1 ? tests[0]! : allOf(tests);
  } else {
    const tests = alternativeTests(index, node.children);
    test = tests.length === 1 ? tests[0]! : anyOf(tests);
  }
  return node.negate ? (row) => !test(row) : test;
}

// Plain loops: these run once per row, where a callback per call would cost an allocation.
function allOf(tests: RowTest[]): RowTest {
  return (row) => {
    for (const test of tests) if (!test(row)) return false;
    return true;
  };
}

function anyOf(tests: RowTest[]): RowTest {
  return (row) => {
    for (const test of tests) if (test(row)) return true;
    return false;
  };
}

/** The tests that must all hold: the top AND's children, or the one root. */
function topTests(index: EventIndex, query: Query): RowTest[] {
  const root = query.root;
  if (root.kind === 'and' && !root.negate) {
    return root.children.map((child) => nodeTest(index, child));
  }
  return [nodeTest(index, root)];
}

/** A test for one row that holds when the query does (for n / N jumps). */
export function compileRowTest(index: EventIndex, query: Query): RowTest {
  return allOf(topTests(index, query));
}

/** The rows of `rows` (kept in their order) for which the query holds. */
export function filterRows(index: EventIndex, query: Query, rows: Uint32Array): Uint32Array {
  const tests = topTests(index, query);
  if (tests.length === 0) return rows;
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
