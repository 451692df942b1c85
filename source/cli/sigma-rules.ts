import { loadSigmaRules, type SigmaRule } from '../detect/index.js';
import { sanitizeText } from '../trail/sanitize.js';

/**
 * Loads --rules; every rule that cannot be used is named with its reason on stderr (the
 * analyst must know which rules are not watching), never silently dropped.
 */
export async function sigmaFromOptions(
  paths: readonly string[],
  stderr: NodeJS.WritableStream,
): Promise<SigmaRule[]> {
  if (paths.length === 0) return [];
  const { rules, problems } = await loadSigmaRules([...paths]);
  for (const problem of problems) {
    const name = problem.title ? `${problem.file} (${problem.title})` : problem.file;
    stderr.write(
      `trailhound: sigma rule not loaded: ${sanitizeText(name)}: ${sanitizeText(problem.reason)}\n`,
    );
  }
  return rules;
}
