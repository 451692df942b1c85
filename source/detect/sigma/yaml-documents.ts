import { parseAllDocuments, type Tags } from 'yaml';

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

export function readYamlDocuments(text: string): YamlDocument[] {
  let documents;
  try {
    documents = parseAllDocuments(text, { customTags: withoutNumberTags, prettyErrors: false });
  } catch (error) {
    return [{ error: `YAML: ${messageOf(error)}` }];
  }
  if (!Array.isArray(documents)) return [];
  return documents.map((document): YamlDocument => {
    const [firstError] = document.errors;
    if (firstError !== undefined) return { error: `YAML: ${firstLine(firstError.message)}` };
    try {
      return { value: document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
    } catch (error) {
      return { error: `YAML: ${messageOf(error)}` };
    }
  });
}

function messageOf(error: unknown): string {
  return firstLine(error instanceof Error ? error.message : String(error));
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}
