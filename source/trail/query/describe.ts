/** Writes a parsed query back as text, in a normal form that parses back to the same tree. */
import { isGroup, type Node, type Query, type Term } from './ast.js';

/** The query in a normal form (lowercase field names, absolute times) that parses back the same. */
export function describeQuery(query: Query): string {
  return describeNode(query.root, true);
}

function describeNode(node: Node, top: boolean): string {
  if (!isGroup(node)) return describeTerm(node);
  const sign = node.negate ? '-' : '';
  const list = commaList(node.children);
  if (node.kind === 'or' && list) return `${sign}${list}`;
  const parts = node.children.map((child) => describeNode(child, false));
  const joined = parts.join(node.kind === 'or' ? ' OR ' : ' ');
  // AND binds tighter than OR, so only an OR inside something, or a negated group, needs them.
  return node.negate || (node.kind === 'or' && !top) ? `${sign}(${joined})` : joined;
}

/** Alternatives that are all plain values of one field, written as `field:a,b`. */
function commaList(children: readonly Node[]): string | undefined {
  const first = children[0];
  if (first?.kind !== 'field') return undefined;
  const values: string[] = [];
  for (const child of children) {
    if (child.kind !== 'field' || child.field !== first.field || child.negate) return undefined;
    values.push(queryValue(child.pattern));
  }
  return `${first.field}:${values.join(',')}`;
}

function describeTerm(term: Term): string {
  const sign = term.negate ? '-' : '';
  switch (term.kind) {
    case 'field':
      return `${sign}${term.field}:${queryValue(term.pattern)}`;
    case 'word':
      return sign + wordValue(term.pattern);
    case 'time':
      return `${sign}${term.bound}:${formatTime(term.at)}`;
  }
}

/**
 * A field's value as the parser reads it back as one value: quoted when it holds a space, a
 * comma (which would list alternatives) or a `)` (which would close a group), or starts with a
 * quote or a `(`.
 */
export function queryValue(value: string): string {
  return /[\s,)]|^["'(]/.test(value) ? quote(value) : value;
}

/** A bare word, also quoted where it would read as a negation, a field term or an operator. */
function wordValue(value: string): string {
  const plain = !/[\s)]|^["'(-]|^[a-z]+:/i.test(value) && !/^(OR|AND|NOT)$/.test(value);
  return plain ? value : quote(value);
}

function quote(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/** ISO time without the zero seconds and milliseconds CloudTrail times never carry. */
function formatTime(at: number): string {
  return new Date(at)
    .toISOString()
    .replace(/\.000Z$/, 'Z')
    .replace(/:00Z$/, 'Z');
}
