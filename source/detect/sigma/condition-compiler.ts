import type { ConditionNode } from './condition-parser.js';
import type { CompiledSearch } from './field-item.js';
import { fail } from './rule-error.js';
import { anyOfSearches, intersect, unite } from './selection.js';
import { allOf, atLeast, negation } from './truth.js';
import { identifierPatternMatches } from './wildcard.js';

/**
 * Turns a parsed condition into one matcher over the compiled search identifiers, and works out
 * which event names a match can have: an AND keeps the names all its constrained parts allow, an
 * OR the names of all its parts, and a NOT constrains nothing.
 */
export function compileCondition(
  tree: ConditionNode,
  searches: ReadonlyMap<string, CompiledSearch>,
): CompiledSearch {
  switch (tree.kind) {
    case 'ref': {
      const search = searches.get(tree.name);
      if (search === undefined) fail(`condition names ${tree.name}, which is not defined`);
      return search;
    }
    case 'not':
      return {
        matcher: negation(compileCondition(tree.operand, searches).matcher),
        eventNames: undefined,
      };
    case 'and': {
      const parts = tree.operands.map((operand) => compileCondition(operand, searches));
      return { matcher: allOf(parts.map((part) => part.matcher)), eventNames: intersect(parts) };
    }
    case 'or': {
      return anyOfSearches(tree.operands.map((operand) => compileCondition(operand, searches)));
    }
    case 'of':
      return compileQuantifier(tree.needed, tree.pattern, searches);
  }
}

function compileQuantifier(
  needed: number | 'all',
  pattern: string | undefined,
  searches: ReadonlyMap<string, CompiledSearch>,
): CompiledSearch {
  const names = [...searches.keys()].filter((name) =>
    // `them` leaves out identifiers starting with an underscore, by the spec's convention.
    pattern === undefined ? !name.startsWith('_') : identifierPatternMatches(pattern, name),
  );
  if (names.length === 0) fail(`"${pattern ?? 'them'}" matches no search identifier`);
  const parts = names.map((name) => searches.get(name)!);
  const matchers = parts.map((part) => part.matcher);
  if (needed === 'all' || needed === parts.length) {
    return { matcher: allOf(matchers), eventNames: intersect(parts) };
  }
  if (needed > parts.length) {
    fail(
      `"${needed} of ${pattern ?? 'them'}" needs more than the ${parts.length} identifiers it names`,
    );
  }
  if (needed === 1) return anyOfSearches(parts);
  return { matcher: atLeast(needed, matchers), eventNames: unite(parts) };
}
