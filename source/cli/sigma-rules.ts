import { loadSigmaRules, type SigmaRule } from '../detect/index.js';
import type { SigmaFilter } from '../detect/sigma/index.js';
import { sanitizeText } from '../trail/sanitize.js';

/**
 * Loads --rules; every rule that cannot be used is named with its reason on stderr (the
 * analyst must know which rules are not watching), never silently dropped. Sigma filter
 * documents among them are tuning, returned beside the rules.
 */
export async function sigmaWithFilters(
  paths: readonly string[],
  stderr: NodeJS.WritableStream,
): Promise<{ rules: SigmaRule[]; filters: SigmaFilter[] }> {
  if (paths.length === 0) return { rules: [], filters: [] };
  const { rules, filters, problems } = await loadSigmaRules([...paths]);
  for (const problem of problems) {
    const name = problem.title ? `${problem.file} (${problem.title})` : problem.file;
    stderr.write(
      `trailhound: sigma rule not loaded: ${sanitizeText(name)}: ${sanitizeText(problem.reason)}\n`,
    );
  }
  return { rules, filters };
}

export async function sigmaFromOptions(
  paths: readonly string[],
  stderr: NodeJS.WritableStream,
): Promise<SigmaRule[]> {
  return (await sigmaWithFilters(paths, stderr)).rules;
}
