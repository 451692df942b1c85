import { isMap, isScalar, isSeq, parseAllDocuments, type Tags } from 'yaml';

/**
 * Reads the YAML documents of a rule file into plain values, one result per document, with a
 * reason instead of a value when a document is broken. Never throws.
 */
export type YamlDocument = { value: unknown } | { error: string };

/**
 * An alias repeated this often is an expansion attack ("billion laughs"), not a rule: Sigma
 * rules use no anchors at all.
 */
const MAX_ALIAS_COUNT = 32;

/** Sigma rules nest a handful of levels; deeper is generated or hostile. */
const MAX_DEPTH = 64;

/**
 * Sigma compares values as text: `EventID: 4624`, `TicketOptions: 0x40810000` and
 * `eventVersion: 1.10` must stay exactly as written, so YAML numbers are kept as their source
 * text (the correlation parser reads its few numbers back itself).
 */
function withoutNumberTags(tags: Tags): Tags {
  return tags.filter((tag) => {
    const name = typeof tag === 'string' ? tag : tag.tag;
    return name !== 'tag:yaml.org,2002:int' && name !== 'tag:yaml.org,2002:float';
  });
}

/**
 * Whether flow brackets (`[`, `{`) outside quotes and comments open deeper than `max`. The YAML
 * library gives up on deep nesting only after walking all of it (6.6 s for 200k brackets), so a
 * hostile file is refused before it is parsed.
 */
function flowTooDeep(text: string, max: number): boolean {
  let depth = 0;
  let quote = '';
  for (let k = 0; k < text.length; k++) {
    const c = text[k]!;
    if (quote !== '') {
      if (c === '\\' && quote === '"') k++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (k === 0 || /\s/.test(text[k - 1]!))) {
      const end = text.indexOf('\n', k);
      k = end < 0 ? text.length : end;
    } else if (c === '[' || c === '{') {
      if (++depth > max) return true;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return false;
}

export function readYamlDocuments(text: string): YamlDocument[] {
  if (flowTooDeep(text, MAX_DEPTH))
    return [{ error: `YAML: nests deeper than ${MAX_DEPTH} levels` }];
  let documents;
  try {
    // The library's own duplicate-key check compares each key with every key before it:
    // quadratic, 22.8 s on a rule of 45k selections. keyProblem does it with a set instead.
    documents = parseAllDocuments(text, {
      customTags: withoutNumberTags,
      prettyErrors: false,
      uniqueKeys: false,
    });
  } catch (error) {
    return [{ error: `YAML: ${messageOf(error)}` }];
  }
  if (!Array.isArray(documents)) return [];
  return documents.map((document): YamlDocument => {
    const [firstError] = document.errors;
    if (firstError !== undefined) return { error: `YAML: ${firstLine(firstError.message)}` };
    const problem = keyProblem(document.contents);
    if (problem !== undefined) return { error: `YAML: ${problem}` };
    try {
      return { value: document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
    } catch (error) {
      return { error: `YAML: ${messageOf(error)}` };
    }
  });
}

/**
 * Duplicate keys and excessive depth, in one iterative walk over the parsed nodes (a recursive
 * one would overflow the stack on a hostile file); aliases are not followed.
 */
function keyProblem(root: unknown): string | undefined {
  const stack: { node: unknown; depth: number }[] = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth >= MAX_DEPTH) return `nests deeper than ${MAX_DEPTH} levels`;
    if (isSeq(node)) {
      for (const item of node.items) stack.push({ node: item, depth: depth + 1 });
      continue;
    }
    const seen = new Set<unknown>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      if (seen.has(key))
        return `Map keys must be unique: ${JSON.stringify(String(key)).slice(0, 80)}`;
      seen.add(key);
      stack.push({ node: pair.key, depth: depth + 1 }, { node: pair.value, depth: depth + 1 });
    }
  }
  return undefined;
}

function messageOf(error: unknown): string {
  return firstLine(error instanceof Error ? error.message : String(error));
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}
