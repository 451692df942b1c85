import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readRegularFile } from '../../trail/regular-file.js';
import { buildCorrelation } from './correlation-rule.js';
import { buildDetection } from './detection-rule.js';
import { buildFilter, type SigmaFilter } from './filter-rule.js';
import { resolveRules } from './resolve.js';
import { fail, reasonOf } from './rule-error.js';
import { titleOf, type RuleDocument } from './rule-info.js';
import type { SigmaLoad, SigmaProblem, SigmaRule } from './types.js';
import { readYamlDocuments } from './yaml-documents.js';
import { formatLimit, limits, type Limits } from '../../trail/limits.js';

const RULE_FILE = /\.ya?ml$/i;

/** The largest SigmaHQ rule is a few kilobytes; a megabyte is generated or hostile. */
export const MAX_RULE_FILE_BYTES = 1 << 20;

function isMap(value: unknown): value is RuleDocument {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function buildRule(
  document: RuleDocument,
  file: string,
  position: number,
): SigmaRule | SigmaFilter {
  if (document.action !== undefined) {
    fail('Sigma v1 rule collections (action: global/repeat/reset) are not supported');
  }
  if (document.correlation !== undefined) return buildCorrelation(document, file, position);
  if (document.filter !== undefined && document.detection === undefined)
    return buildFilter(document, file, position);
  if (document.detection !== undefined) return buildDetection(document, file, position);
  return fail('document has neither detection nor correlation');
}

/** Every document of one file, compiled or reported; references are left for resolveRules. */
function parseDocuments(text: string, file: string): SigmaLoad {
  const rules: SigmaRule[] = [];
  const filters: SigmaFilter[] = [];
  const problems: SigmaProblem[] = [];
  if (text.length > MAX_RULE_FILE_BYTES) {
    problems.push({
      file,
      reason: `rule text is ${text.length} characters (limit ${MAX_RULE_FILE_BYTES})`,
    });
    return { rules, filters, problems };
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
      const built = buildRule(value, file, position);
      if ('keeps' in built) filters.push(built);
      else rules.push(built);
    } catch (error) {
      const title = titleOf(value);
      const reason = reasonOf(error);
      problems.push(title === undefined ? { file, reason } : { file, title, reason });
    }
  });
  return { rules, filters, problems };
}

/** Compiles the rules of one YAML text (one or more documents) and links its correlations. */
export function parseSigmaText(text: string, file: string): SigmaLoad {
  const parsed = parseDocuments(text, file);
  const problems = [...parsed.problems];
  return { rules: resolveRules(parsed.rules, problems), filters: parsed.filters, problems };
}

/** Thrown out of a walk that has seen more rule files than the bound allows. */
class TooManyFiles extends Error {}

/**
 * Rule files under each of `paths` (files as given, directories searched for *.yml / *.yaml),
 * one list per path. The walk stops once more than `maxFiles` files are found in all: a folder
 * of a million tiny rules costs no more than the bound to refuse.
 */
async function ruleFiles(
  paths: readonly string[],
  problems: SigmaProblem[],
  maxFiles: number,
): Promise<{ path: string; files: string[] }[]> {
  const seenFiles = new Set<string>();
  const seenDirectories = new Set<string>();
  const groups: { path: string; files: string[] }[] = [];
  let found = 0;

  const addFile = async (files: string[], path: string): Promise<void> => {
    const real = await realpath(path);
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    if (++found > maxFiles) throw new TooManyFiles();
    files.push(path);
  };

  const walk = async (files: string[], directory: string): Promise<void> => {
    const real = await realpath(directory);
    if (seenDirectories.has(real)) return;
    seenDirectories.add(real);
    const entries = await readdir(directory, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(directory, entry.name);
      try {
        if (entry.isDirectory() || (entry.isSymbolicLink() && (await stat(path)).isDirectory())) {
          await walk(files, path);
        } else if (RULE_FILE.test(entry.name)) {
          await addFile(files, path);
        }
      } catch (error) {
        if (error instanceof TooManyFiles) throw error;
        problems.push({ file: path, reason: `cannot read: ${messageOf(error)}` });
      }
    }
  };

  for (const path of paths) {
    const files: string[] = [];
    try {
      if ((await stat(path)).isDirectory()) await walk(files, path);
      else await addFile(files, path);
      groups.push({ path, files });
    } catch (error) {
      if (!(error instanceof TooManyFiles)) {
        problems.push({ file: path, reason: `cannot read: ${messageOf(error)}` });
        continue;
      }
      // Loading some of the rules would leave the analyst guessing which are watching.
      problems.push({
        file: path,
        reason: `more than ${maxFiles} rule files in all (limit rules-files); none loaded from here`,
      });
      break;
    }
  }
  return groups;
}

/**
 * One rule file's text, read no further than the size it was measured at (plus a little): a FIFO
 * or device in a rules folder is named instead of blocking the load, and a file that grows
 * while it is read cannot push the total past its bound.
 */
async function readRuleFile(file: string): Promise<string | { problem: string }> {
  // Only a regular file, opened non-blocking and read up to the size fstat gave: a FIFO or
  // /dev/zero named *.yml is refused, and a file growing while it is read cannot go on forever.
  const bytes = await readRegularFile(file);
  if (bytes.length > MAX_RULE_FILE_BYTES)
    return { problem: `file is ${bytes.length} bytes (limit ${MAX_RULE_FILE_BYTES})` };
  return bytes.toString('utf8');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Loads rule files and directories (searched recursively for *.yml and *.yaml), then links
 * correlations across everything loaded. Nothing is thrown: whatever cannot be used is in
 * `problems` with its file and reason. All paths together are bounded by `rulesFiles` files and
 * `rulesBytes` bytes: a path that would pass either is refused whole, named with the bound.
 */
export async function loadSigmaRules(
  paths: readonly string[],
  bounds: Pick<Limits, 'rulesFiles' | 'rulesBytes'> = limits(),
): Promise<SigmaLoad> {
  const problems: SigmaProblem[] = [];
  const rules: SigmaRule[] = [];
  const filters: SigmaFilter[] = [];
  let bytes = 0;
  for (const { path, files } of await ruleFiles(paths, problems, bounds.rulesFiles)) {
    const sized: { file: string; size: number }[] = [];
    let pathBytes = 0;
    for (const file of files) {
      try {
        const { size } = await stat(file);
        if (size > MAX_RULE_FILE_BYTES) {
          problems.push({ file, reason: `file is ${size} bytes (limit ${MAX_RULE_FILE_BYTES})` });
          continue;
        }
        sized.push({ file, size });
        pathBytes += size;
      } catch (error) {
        problems.push({ file, reason: `cannot read: ${messageOf(error)}` });
      }
    }
    if (bytes + pathBytes > bounds.rulesBytes) {
      problems.push({
        file: path,
        reason: `rule files of ${bytes + pathBytes} bytes in all (limit rules-bytes ${formatLimit('bytes', bounds.rulesBytes)}); none loaded from here`,
      });
      continue;
    }
    bytes += pathBytes;
    for (const { file, size } of sized) {
      try {
        const text = await readRuleFile(file);
        if (typeof text !== 'string') {
          problems.push({ file, reason: text.problem });
          continue;
        }
        const parsed = parseDocuments(text, file);
        rules.push(...parsed.rules);
        filters.push(...parsed.filters);
        problems.push(...parsed.problems);
      } catch (error) {
        problems.push({ file, reason: `cannot read: ${messageOf(error)}` });
      }
    }
  }
  return { rules: resolveRules(rules, problems), filters, problems };
}
