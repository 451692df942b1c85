import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readRegularFile } from '../../trail/regular-file.js';
import { buildCorrelation } from './correlation-rule.js';
import { buildDetection } from './detection-rule.js';
import { resolveRules } from './resolve.js';
import { fail, reasonOf } from './rule-error.js';
import { titleOf, type RuleDocument } from './rule-info.js';
import type { SigmaLoad, SigmaProblem, SigmaRule } from './types.js';
import { readYamlDocuments } from './yaml-documents.js';

const RULE_FILE = /\.ya?ml$/i;

/** The largest SigmaHQ rule is a few kilobytes; a megabyte is generated or hostile. */
export const MAX_RULE_FILE_BYTES = 1 << 20;

function isMap(value: unknown): value is RuleDocument {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function buildRule(document: RuleDocument, file: string, position: number): SigmaRule {
  if (document.action !== undefined) {
    fail('Sigma v1 rule collections (action: global/repeat/reset) are not supported');
  }
  if (document.correlation !== undefined) return buildCorrelation(document, file, position);
  if (document.filter !== undefined && document.detection === undefined) {
    fail('Sigma filter documents are not supported');
  }
  if (document.detection !== undefined) return buildDetection(document, file, position);
  return fail('document has neither detection nor correlation');
}

/** Every document of one file, compiled or reported; references are left for resolveRules. */
function parseDocuments(text: string, file: string): SigmaLoad {
  const rules: SigmaRule[] = [];
  const problems: SigmaProblem[] = [];
  if (text.length > MAX_RULE_FILE_BYTES) {
    problems.push({
      file,
      reason: `rule text is ${text.length} characters (limit ${MAX_RULE_FILE_BYTES})`,
    });
    return { rules, problems };
  }
  readYamlDocuments(text).forEach((document, position) => {
    if ('error' in document) {
      problems.push({ file, reason: document.error });
      return;
    }
    const { value } = document;
    if (value === null || value === undefined) return;
    if (!isMap(value)) {
      problems.push({ file, reason: 'YAML document is not a map' });
      return;
    }
    try {
      rules.push(buildRule(value, file, position));
    } catch (error) {
      const title = titleOf(value);
      const reason = reasonOf(error);
      problems.push(title === undefined ? { file, reason } : { file, title, reason });
    }
  });
  return { rules, problems };
}

/** Compiles the rules of one YAML text (one or more documents) and links its correlations. */
export function parseSigmaText(text: string, file: string): SigmaLoad {
  const parsed = parseDocuments(text, file);
  const problems = [...parsed.problems];
  return { rules: resolveRules(parsed.rules, problems), problems };
}

/** Rule files under `paths` (files as given, directories searched for *.yml / *.yaml). */
async function ruleFiles(paths: readonly string[], problems: SigmaProblem[]): Promise<string[]> {
  const files: string[] = [];
  const seenFiles = new Set<string>();
  const seenDirectories = new Set<string>();

  const addFile = async (path: string): Promise<void> => {
    const real = await realpath(path);
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    files.push(path);
  };

  const walk = async (directory: string): Promise<void> => {
    const real = await realpath(directory);
    if (seenDirectories.has(real)) return;
    seenDirectories.add(real);
    const entries = await readdir(directory, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(directory, entry.name);
      try {
        if (entry.isDirectory() || (entry.isSymbolicLink() && (await stat(path)).isDirectory())) {
          await walk(path);
        } else if (RULE_FILE.test(entry.name)) {
          await addFile(path);
        }
      } catch (error) {
        problems.push({ file: path, reason: `cannot read: ${messageOf(error)}` });
      }
    }
  };

  for (const path of paths) {
    try {
      if ((await stat(path)).isDirectory()) await walk(path);
      else await addFile(path);
    } catch (error) {
      problems.push({ file: path, reason: `cannot read: ${messageOf(error)}` });
    }
  }
  return files;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Loads rule files and directories (searched recursively for *.yml and *.yaml), then links
 * correlations across everything loaded. Nothing is thrown: whatever cannot be used is in
 * `problems` with its file and reason.
 */
export async function loadSigmaRules(paths: readonly string[]): Promise<SigmaLoad> {
  const problems: SigmaProblem[] = [];
  const rules: SigmaRule[] = [];
  for (const file of await ruleFiles(paths, problems)) {
    try {
      const { size } = await stat(file);
      if (size > MAX_RULE_FILE_BYTES) {
        problems.push({ file, reason: `file is ${size} bytes (limit ${MAX_RULE_FILE_BYTES})` });
        continue;
      }
      // Only a regular file, opened non-blocking: a FIFO or /dev/zero named *.yml is refused.
      const parsed = parseDocuments((await readRegularFile(file)).toString('utf8'), file);
      rules.push(...parsed.rules);
      problems.push(...parsed.problems);
    } catch (error) {
      problems.push({ file, reason: `cannot read: ${messageOf(error)}` });
    }
  }
  return { rules: resolveRules(rules, problems), problems };
}
