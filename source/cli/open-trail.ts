import type { CliOptions } from './args.js';
import type { CliIo } from './io.js';
import { loadTrail, parseFilter, requireEvents, type LoadedTrail } from './load-index.js';
import { sanitizeText } from '../trail/sanitize.js';
import { toInputs } from './read-inputs.js';

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

/** The SOURCE files (or stdin), loaded whole and filtered. */
async function openFiles(
  options: CliOptions,
  io: CliIo,
  filter: string | undefined,
): Promise<LoadedTrail> {
  const trail = await loadTrail(
    await toInputs(options.sources, io.stdin),
    filter,
    options.workers,
    options.now,
  );
  requireEvents(trail.result, sanitizeText);
  return trail;
}
