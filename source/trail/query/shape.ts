/** Questions about a parsed query's shape that its users ask: is it empty, what must hold. */
import { isGroup, type Node, type Query, type Term } from './ast.js';

/** Nothing typed (or only spaces): every event matches. */
export function isEmptyQuery(query: Query): boolean {
  return query.root.kind === 'and' && query.root.children.length === 0;
}

/**
 * The terms every matching event satisfies: those reached from the top through AND alone. A term
 * inside an OR, or under a negated group, need not hold, so a server-side lookup may use only
 * these (and only the positive ones narrow it).
 */
export function requiredTerms(query: Query): Term[] {
  const out: Term[] = [];
  const walk = (node: Node): void => {
    if (!isGroup(node)) out.push(node);
    else if (node.kind === 'and' && !node.negate) node.children.forEach(walk);
  };
  walk(query.root);
  return out;
}
