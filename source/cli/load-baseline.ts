import { existsSync } from 'node:fs';
import { EventIndex } from '../index/index.js';
import { loadSources } from '../ingest/index.js';
import type { BaselineUntil, ExplicitBaseline } from '../state/explicit-baseline.js';
import { sanitizeText } from '../trail/sanitize.js';
import { inputErrorLines, NoEventsError } from './load-index.js';
import type { CasePlan } from './open-case.js';

/**
 * `--baseline SOURCE...`: an earlier export read through the same loader as any trail (bounded,
 * each bad file named) into an index of its own, so none of its events joins the case's stream
 * or becomes a finding's evidence. Its problems go to `stderr` as "baseline PATH: why"; when
 * none of it gives an event the command stops (NoEventsError): a baseline that teaches nothing
 * would silently leave everything "new".
 */
export async function loadLearnOnly(
  paths: readonly string[],
  stderr: NodeJS.WritableStream,
  workers?: number,
): Promise<ExplicitBaseline['learnFrom']> {
  if (paths.length === 0) return undefined;
  const index = new EventIndex();
  const result = await loadSources(
    paths.map((path) => ({ path })),
    { sink: index, ...(workers === undefined ? {} : { workers }) },
  );
  const lines = inputErrorLines(result, sanitizeText).map((line) => `baseline ${line}`);
  if (index.size === 0) throw new NoEventsError(lines);
  for (const line of lines) stderr.write(`trailhound: ${line}\n`);
  return { index, files: result.reports.filter((report) => report.status === 'loaded').length };
}

/** The baseline a command runs with: `--baseline-until` and the learn-only sources loaded. */
export async function explicitBaseline(
  given: { until: BaselineUntil | undefined; sources: readonly string[] },
  stderr: NodeJS.WritableStream,
  workers?: number,
): Promise<ExplicitBaseline | undefined> {
  if (given.until === undefined && given.sources.length === 0) return undefined;
  const learnFrom = await loadLearnOnly(given.sources, stderr, workers);
  return {
    ...(given.until === undefined ? {} : { until: given.until }),
    ...(learnFrom ? { learnFrom } : {}),
  };
}

/**
 * The TUI's baseline: the case's with the one given joined to it (see planCase). A path the
 * case kept that is gone since is left out, said on stderr: a moved export must not keep the
 * case from opening. A path given now must give events, as any SOURCE must.
 */
export async function caseBaseline(
  plan: CasePlan,
  options: { workers?: number | undefined },
  stderr: NodeJS.WritableStream = process.stderr,
): Promise<ExplicitBaseline | undefined> {
  const given = new Set(plan.givenBaseline?.sources.map((source) => source.value));
  const sources = plan.baseline.sources.filter((path) => {
    if (given.has(path) || existsSync(path)) return true;
    stderr.write(
      `trailhound: the case's baseline ${sanitizeText(path)} is gone; learning without it\n`,
    );
    return false;
  });
  return explicitBaseline({ until: plan.baseline.until, sources }, stderr, options.workers);
}
