import type { CliOptions } from './args.js';
import type { CliIo } from './io.js';
import { loadTrail, parseFilter, requireEvents, type LoadedTrail } from './load-index.js';
import { sanitizeText } from '../trail/sanitize.js';
import { openSourceTexts } from './source-openers.js';
import { pullMeter } from './pull-meter.js';

/**
 * The trail a command reads: its SOURCE files, the account itself under `--live`, or both
 * (`SOURCE... --live`: the files, then LookupEvents after their end). Files that give no event
 * at all stop the command (NoEventsError), so nothing reports on an empty trail.
 */
export async function openTrail(
  options: CliOptions,
  io: CliIo,
  filter: string | undefined,
): Promise<LoadedTrail> {
  // Live reads are about the present: their relative times count from the clock (or --now).
  // The AWS SDK takes longer to load than the demo trail takes to read: only --live pays for it.
  if (options.live && options.sources.length > 0)
    return (await import('./load-merged.js')).loadMergedTrail(
      { ...options, live: options.live },
      filter,
      io,
      () => openFiles(options, io, undefined),
    );
  if (options.live)
    return (await import('./load-live.js')).loadLiveTrail(
      { ...options, live: options.live },
      parseFilter(filter, options.now ?? Date.now()),
      io,
    );
  return openFiles(options, io, filter);
}

/** The SOURCEs (paths, stdin, buckets), loaded whole and filtered. */
async function openFiles(
  options: CliOptions,
  io: CliIo,
  filter: string | undefined,
): Promise<LoadedTrail> {
  // Paths, stdin and buckets alike; a bucket's plan is said (or asked about) before its pull.
  const opened = await openSourceTexts(options.sources, options, io);
  const meter = opened.pulls.length > 0 ? pullMeter(opened.pulls, io.stderr) : undefined;
  let trail: LoadedTrail;
  try {
    trail = await loadTrail(opened.inputs, filter, options.workers, options.now, meter?.onLoad);
  } finally {
    meter?.finish();
  }
  requireEvents(trail.result, sanitizeText);
  return trail;
}
