import { existsSync } from 'node:fs';
import { readCase, writeWholeFile } from '../case/index.js';
import { renderReport, reportFormatOf, type ReportFormat } from '../case/report/index.js';
import { detect, type Finding } from '../detect/index.js';
import { geoDatabase } from '../geo/index.js';
import { rowRecords } from '../ingest/row-records.js';
import { reportInput, type ReportSources } from '../state/report-input.js';
import { presented } from '../trail/presenter-mask.js';
import type { CliOptions } from './args.js';
import type { CliIo } from './io.js';
import { loadTrail } from './load-index.js';
import { openSourceTexts } from './source-openers.js';
import type { OpenedSources } from '../ingest/sources.js';
import { sanitizeText } from '../trail/sanitize.js';
import { sigmaWithFilters } from './sigma-rules.js';
import { tuningFromOptions } from './tuning-option.js';
import { applyTuning, describeTuning, knownNetworksOf } from '../detect/tuning/index.js';
import { explicitBaseline } from './load-baseline.js';
import {
  baselineField,
  baselineOptions,
  parseBaselineUntil,
  trailNow,
} from '../state/explicit-baseline.js';

/**
 * The case's sources opened as the TUI opens them; a bucket that cannot be read now (no
 * credentials on this machine, access gone) is said in one line and the report is written
 * from the rest, or from the pinned evidence alone.
 */
async function openCaseSources(
  texts: string[],
  options: CliOptions,
  io: CliIo,
): Promise<Pick<OpenedSources, 'inputs'> | undefined> {
  const usable: Pick<OpenedSources, 'inputs'> = { inputs: [] };
  for (const text of texts) {
    try {
      usable.inputs.push(...(await openSourceTexts([text], options, io)).inputs);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      io.stderr.write(`trailhound: ${sanitizeText(text)} not read: ${sanitizeText(why)}\n`);
    }
  }
  return usable.inputs.length > 0 ? usable : undefined;
}

/**
 * `trailhound report --case FILE`: the incident report from the case. When the case's sources are
 * still on disk they are loaded again, so the findings and the events they flag join the pinned
 * evidence; without them the report is written from the case alone.
 */
export async function reportCommand(options: CliOptions, io: CliIo): Promise<number> {
  const caseFile = readCase(options.casePath!);
  const { rules: _, filters } = await sigmaWithFilters(options.rules, io.stderr);
  const tuning = await tuningFromOptions(options.tuning, filters, caseFile.tuning);
  let suppressed = 0;
  const geo = geoDatabase();
  // Files still on disk, and buckets (their window kept in the URI: read from the cache, S3
  // asked only for listings and anything new).
  const texts = caseFile.sources
    .filter(
      (source) => (source.kind === 'path' && existsSync(source.value)) || source.kind === 's3',
    )
    .map((source) => source.value);
  let findings: Finding[] = [];
  let readRows: ReportSources['readRows'];
  let loaded: ReportSources['index'];
  const opened = texts.length > 0 ? await openCaseSources(texts, options, io) : undefined;
  if (opened) {
    const { index, result } = await loadTrail(opened.inputs, undefined, options.workers);
    const records = rowRecords(result.files, (row) => index.location(row), options.workers);
    // The case's explicit baseline, as the TUI learned from it (an export gone since is left out).
    const kept = caseFile.baseline;
    const until = kept?.until === undefined ? undefined : parseBaselineUntil(kept.until);
    const baseline = await explicitBaseline(
      {
        until,
        sources: (kept?.sources ?? []).map((s) => s.value).filter((path) => existsSync(path)),
      },
      io.stderr,
      options.workers,
    );
    const explicit = baselineField(baselineOptions(baseline, trailNow(index, undefined, false)));
    const run = await detect({
      index,
      ipFacts: (ip) => geo.lookup(ip),
      records,
      sigmaFilters: tuning.filters.map(({ entry }) => entry),
      baseline: { ...explicit.baseline, ...knownNetworksOf(tuning) },
    });
    const tuned = applyTuning(run.findings, index, tuning);
    findings = tuned.findings;
    suppressed = tuned.suppressed.length;
    readRows = (rows, onRecord) => records.read(rows, onRecord);
    loaded = index;
  } else if (caseFile.sources.length > 0) {
    io.stderr.write(
      "trailhound: the case's sources are gone; the report holds its pinned evidence only\n",
    );
  }
  const input = await reportInput({
    caseFile,
    findings,
    ...(readRows ? { readRows } : {}),
    ...(loaded ? { index: loaded } : {}),
    ipFacts: (ip) => geo.lookup(ip),
    ipDataDate: geo.dataDate,
    now: new Date(),
    tuning: { used: describeTuning(tuning), suppressed },
  });
  // Without --format, --out's extension says which (`--out report.txt`).
  const format = (options.format ??
    (options.out ? reportFormatOf(options.out) : 'md')) as ReportFormat;
  // Presenter mode masks the finished text as well: nothing in any section can slip past it.
  const text = presented(renderReport(format, input));
  // Atomic and 0600 (it holds evidence): a crash never leaves half a report in its place, and a
  // link planted at --out is replaced, never written through.
  if (options.out) writeWholeFile(options.out, text);
  else await io.write(text.endsWith('\n') ? text : `${text}\n`);
  return 0;
}
