/**
 * Reads a query line into a tree. Terms side by side must all hold (AND, which may also be
 * written); `OR` between them takes either and binds looser, so `a b OR c` is `(a b) OR c`;
 * parentheses group; `-` or `NOT` before a term or a group negates it. The operators are the
 * upper-case words only: `or` and a quoted "OR" are words to search for, as in most log query
 * languages. Nesting and the number of terms are bounded, so a pasted query cannot exhaust the
 * stack or make the filter test millions of values thousands of times.
 */
import { isGroup, type Group, type Node, type ParseResult } from './ast.js';
import { fail, isSpace, QueryFailure, readTerm } from './term.js';

/** Parentheses deeper than this are refused. */
export const MAX_DEPTH = 16;
/**
 * Terms (each value of a comma list counts) beyond this are refused: each is tested once per
 * distinct value of its columns, a bare word on all thirteen, so this bounds a filter's cost.
 */
export const MAX_TERMS = 64;

type Operator = 'OR' | 'AND' | 'NOT';

export function parseQuery(text: string, now: number = Date.now()): ParseResult {
  try {
    const parser = new Parser(text, now);
    const root = parser.query();
    return { ok: true, query: { text, root } };
  } catch (error) {
    if (error instanceof QueryFailure) return { ok: false, error: error.error };
    throw error;
  }
}

class Parser {
  private at = 0;
  private terms = 0;

  constructor(
    private readonly text: string,
    private readonly now: number,
  ) {}

  query(): Node {
    const root = this.or(0) ?? { kind: 'and', children: [], negate: false, text: '' };
    this.skipSpace();
    if (this.at < this.text.length) {
      // `or` stops only at the end or at a `)`: here one that no `(` opened.
      fail(this.text, this.at, this.at + 1, () => `unmatched ")" (quote a value that holds one)`);
    }
    return root;
  }

  /** Alternatives: `and` groups separated by OR; undefined when there is nothing before a `)`. */
  private or(depth: number): Node | undefined {
    this.skipSpace();
    const start = this.at;
    const children: Node[] = [];
    for (;;) {
      const operand = this.and(depth);
      const operator = this.operator();
      if (!operand) {
        if (operator === 'OR' || children.length > 0) this.dangling(operator ?? 'OR');
        return undefined;
      }
      children.push(operand);
      if (operator !== 'OR') break;
      const at = this.at;
      this.at += 2;
      this.skipSpace();
      if (this.atEnd()) this.dangling('OR', at);
    }
    return this.join('or', children, start);
  }

  /** Terms side by side (or joined by AND), up to an OR, a `)` or the end. */
  private and(depth: number): Node | undefined {
    this.skipSpace();
    const start = this.at;
    const children: Node[] = [];
    for (;;) {
      this.skipSpace();
      if (this.atEnd()) break;
      const operator = this.operator();
      if (operator === 'OR') break;
      if (operator === 'AND') {
        const at = this.at;
        this.at += 3;
        this.skipSpace();
        if (children.length === 0 || this.atEnd() || this.operator() === 'OR') {
          this.dangling('AND', at);
        }
        continue;
      }
      children.push(this.unary(depth));
    }
    return children.length === 0 ? undefined : this.join('and', children, start);
  }

  /** One term or a parenthesised group, maybe negated. */
  private unary(depth: number): Node {
    const start = this.at;
    let negate = false;
    // A loop, not recursion: `NOT NOT …` a thousand times must not deepen the stack.
    while (this.operator() === 'NOT') {
      const at = this.at;
      this.at += 3;
      this.skipSpace();
      const next = this.operator();
      if (this.atEnd() || next === 'OR' || next === 'AND') this.dangling('NOT', at);
      negate = !negate;
    }
    const text = this.text;
    if (text[this.at] === '-' && text[this.at + 1] === '(') {
      negate = !negate;
      this.at++;
    }
    if (text[this.at] !== '(') {
      const { node, end } = readTerm(text, this.at, this.now);
      this.count(node, start, end);
      this.at = end;
      return negate ? { ...node, negate: !node.negate, text: text.slice(start, end) } : node;
    }
    const open = this.at;
    if (depth >= MAX_DEPTH) {
      fail(text, open, text.length, () => `parentheses nested deeper than ${MAX_DEPTH}`);
    }
    this.at++;
    const inner = this.or(depth + 1);
    this.skipSpace();
    if (text[this.at] !== ')') {
      fail(text, open, text.length, (group) => `unclosed "(" in ${group}`);
    }
    this.at++;
    if (!inner) fail(text, start, this.at, (group) => `empty group ${group}`);
    if (!negate) return inner;
    return { ...inner, negate: !inner.negate, text: text.slice(start, this.at) };
  }

  /** Joins operands; one operand is itself, and a nested plain group of the same kind is spread. */
  private join(kind: Group['kind'], operands: Node[], start: number): Node {
    if (operands.length === 1) return operands[0]!;
    const children = operands.flatMap((node) =>
      isGroup(node) && node.kind === kind && !node.negate ? node.children : [node],
    );
    return { kind, children, negate: false, text: this.text.slice(start, this.at).trimEnd() };
  }

  private count(node: Node, start: number, end: number): void {
    this.terms += isGroup(node) ? node.children.length : 1;
    if (this.terms > MAX_TERMS) {
      fail(this.text, start, end, (term) => `too many terms at ${term} (at most ${MAX_TERMS})`);
    }
  }

  /** The upper-case operator word at the cursor, standing alone. */
  private operator(): Operator | undefined {
    for (const word of ['OR', 'AND', 'NOT'] as const) {
      if (!this.text.startsWith(word, this.at)) continue;
      const after = this.text[this.at + word.length];
      if (after === undefined || after === '(' || after === ')' || isSpace(after)) return word;
    }
    return undefined;
  }

  private dangling(operator: Operator, at = this.at): never {
    const side = operator === 'NOT' ? 'a term after it' : 'a term on each side';
    return fail(
      this.text,
      at,
      at + operator.length,
      () => `${operator} needs ${side} (quote "${operator}" to search for the word)`,
    );
  }

  private atEnd(): boolean {
    return this.at >= this.text.length || this.text[this.at] === ')';
  }

  private skipSpace(): void {
    while (this.at < this.text.length && isSpace(this.text[this.at]!)) this.at++;
  }
}
