import { parentPort, workerData } from 'node:worker_threads';
import { detect, loadSigmaRules, type Finding } from '../detect/index.js';
import { buildFilter } from '../detect/sigma/index.js';
import { geoDatabase } from '../geo/index.js';
import { FrozenIndex } from '../index/index.js';
import { rowRecords } from '../ingest/row-records.js';
import { setLimits } from '../trail/limits.js';
import { baselineField } from './explicit-baseline.js';
import type { DetectionReply, DetectionRequest, DictionarySlice } from './detection-messages.js';

/**
 * Worker thread entry: runs every detection over a frozen copy of the index, so the rules'
 * loops never hold up the keyboard. Records are re-read by the fetch threads it starts itself.
 */
const SLICE = 5_000;

async function main(request: DetectionRequest): Promise<void> {
  const post = (reply: DetectionReply) => parentPort?.postMessage(reply);
  try {
    setLimits(request.limits);
    const sigmaDisabled = new Map(request.sigmaDisabled);
    const index = new FrozenIndex(request.snapshot);
    const learnFrom = request.baseline?.learnFrom && new FrozenIndex(request.baseline.learnFrom);
    const baseline = (request.baseline || request.knownNetworks) && {
      ...(request.baseline?.until === undefined ? {} : { until: request.baseline.until }),
      ...(learnFrom ? { learnFrom } : {}),
      ...(request.knownNetworks ? { knownNetworks: request.knownNetworks } : {}),
    };
    const geo = geoDatabase();
    const loaded =
      request.sigmaPaths.length > 0 ? await loadSigmaRules(request.sigmaPaths) : undefined;
    const sigma = loaded?.rules ?? [];
    // Compiled filters cannot cross threads: the tuning's come as documents, --rules' are loaded.
    const sigmaFilters = [
      ...(loaded?.filters ?? []),
      ...(request.filterDocuments ?? []).map((document, at) =>
        buildFilter(document, 'tuning', at, false),
      ),
    ];
    // Only what is new crosses to the UI thread, in slices: a whole list cloned at once would
    // hold the keyboard up for as long as the clone takes.
    const sent = new Set<string>();
    const sendNew = (findings: readonly Finding[]) => {
      const fresh = findings.filter((finding) => !sent.has(finding.key));
      for (const finding of fresh) sent.add(finding.key);
      for (let start = 0; start < fresh.length; start += SLICE)
        post({ type: 'findings', findings: fresh.slice(start, start + SLICE) });
    };
    const run = await detect({
      index,
      ipFacts: (ip) => geo.lookup(ip),
      records: rowRecords(request.files, (row) => index.location(row), request.workers),
      sigma,
      sigmaDisabled,
      sigmaFilters,
      onFindings: sendNew,
      ...baselineField(baseline),
    });
    sendNew(run.findings);
    const facts = [...run.facts];
    for (let start = 0; start < facts.length; start += SLICE)
      post({ type: 'facts', facts: facts.slice(start, start + SLICE) });
    post({
      type: 'done',
      timings: run.timings,
      problems: run.problems,
      sigmaDisabled: [...sigmaDisabled],
    });
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}

/** The dictionaries arrive in slices after the request; detection starts once all are in. */
const request = workerData as DetectionRequest;
setLimits(request.limits);
parentPort?.on('message', (slice: DictionarySlice) => {
  const into = slice.learnOnly ? request.baseline!.learnFrom! : request.snapshot;
  const values = into.values[slice.field]!;
  for (const value of slice.values) values.push(value);
  if (slice.done) void main(request);
});
