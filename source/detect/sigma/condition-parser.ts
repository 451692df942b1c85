import { fail } from './rule-error.js';

/**
 * The detection condition language: identifiers, `and`, `or`, `not`, parentheses, and
 * `1 of x*` / `all of them` quantifiers. Precedence from loosest: or, and, not, then the
 * quantifiers and brackets.
 */
export type ConditionNode =
  | { kind: 'ref'; name: string }
  | { kind: 'not'; operand: ConditionNode }
  | { kind: 'and'; operands: ConditionNode[] }
  | { kind: 'or'; operands: ConditionNode[] }
  /** `needed` is 'all' or a count; `pattern` undefined means `them`. */
  | { kind: 'of'; needed: number | 'all'; pattern: string | undefined };

/** Guards against hostile conditions that would recurse the parser into a stack overflow. */
const MAX_CONDITION_LENGTH = 10_000;
const MAX_DEPTH = 64;

const RESERVED = new Set(['and', 'or', 'not', 'of', 'them', 'all']);

function tokenize(condition: string): string[] {
  if (condition.includes('|')) {
    fail('aggregation conditions (`| count() ...`) are Sigma v1; write a correlation rule instead');
  }
  return condition.match(/\(|\)|[^\s()]+/g) ?? [];
}

export function parseCondition(condition: string): ConditionNode {
  if (condition.length > MAX_CONDITION_LENGTH) fail('condition is too long');
  const tokens = tokenize(condition);
  if (tokens.length === 0) fail('condition is empty');
  let position = 0;
  let depth = 0;

  const peek = (): string | undefined => tokens[position];
  const peekWord = (): string | undefined => peek()?.toLowerCase();
  const next = (): string => {
    const token = tokens[position++];
    if (token === undefined) fail('condition ends too early');
    return token;
  };

  const parseOr = (): ConditionNode => {
    const operands = [parseAnd()];
    while (peekWord() === 'or') {
      position++;
      operands.push(parseAnd());
    }
    return operands.length === 1 ? operands[0]! : { kind: 'or', operands };
  };

  const parseAnd = (): ConditionNode => {
    const operands = [parseNot()];
    while (peekWord() === 'and') {
      position++;
      operands.push(parseNot());
    }
    return operands.length === 1 ? operands[0]! : { kind: 'and', operands };
  };

  const parseNot = (): ConditionNode => {
    if (peekWord() === 'not') {
      position++;
      return { kind: 'not', operand: enter(parseNot) };
    }
    return parsePrimary();
  };

  const enter = (parse: () => ConditionNode): ConditionNode => {
    if (++depth > MAX_DEPTH) fail('condition nests too deeply');
    const node = parse();
    depth--;
    return node;
  };

  const parsePrimary = (): ConditionNode => {
    const token = next();
    if (token === '(') {
      const inner = enter(parseOr);
      if (peek() !== ')') fail('condition has an unclosed parenthesis');
      position++;
      return inner;
    }
    if (token === ')') fail('condition has an unexpected ")"');
    const word = token.toLowerCase();
    if (peekWord() === 'of') {
      position++;
      return parseQuantifier(word);
    }
    if (RESERVED.has(word)) fail(`condition has "${token}" where a search identifier belongs`);
    if (token.includes('*')) fail(`wildcard ${token} is only allowed after "1 of" or "all of"`);
    return { kind: 'ref', name: token };
  };

  const parseQuantifier = (word: string): ConditionNode => {
    let needed: number | 'all';
    if (word === 'all') needed = 'all';
    else if (word === 'any') needed = 1;
    else if (/^[1-9]\d{0,3}$/.test(word)) needed = Number(word);
    else return fail(`"${word} of" is not a quantifier`);
    const target = next();
    if (target === '(' || target === ')' || RESERVED.has(target.toLowerCase())) {
      if (target.toLowerCase() !== 'them') fail(`"of" must be followed by a pattern or "them"`);
    }
    return { kind: 'of', needed, pattern: target.toLowerCase() === 'them' ? undefined : target };
  };

  const tree = parseOr();
  if (position < tokens.length) fail(`condition has unexpected "${tokens[position]}"`);
  return tree;
}
