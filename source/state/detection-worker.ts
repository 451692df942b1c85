import { parentPort, workerData } from 'node:worker_threads';
import { detect, loadSigmaRules } from '../detect/index.js';
import { geoDatabase } from '../geo/index.js';
import { FrozenIndex } from '../index/index.js';
import { rowRecords } from '../ingest/row-records.js';
import type { DetectionReply, DetectionRequest } from './detection-messages.js';

/**
 * Worker thread entry: runs every detection over a frozen copy of the index, so the rules'
 * loops never hold up the keyboard. Records are re-read by the fetch threads it starts itself.
 */
async function main(request: DetectionRequest): Promise<void> {
  const post = (reply: DetectionReply) => parentPort?.postMessage(reply);
  try {
    const index = new FrozenIndex(request.snapshot);
    const geo = geoDatabase();
    const sigma =
      request.sigmaPaths.length > 0 ? (await loadSigmaRules(request.sigmaPaths)).rules : [];
    const run = await detect({
      index,
      ipFacts: (ip) => geo.lookup(ip),
      records: rowRecords(request.files, (row) => index.location(row), request.workers),
      sigma,
      onFindings: (findings) => post({ type: 'findings', findings }),
    });
    post({
      type: 'done',
      findings: run.findings,
      facts: run.facts as Map<number, never>,
      timings: run.timings,
      problems: run.problems,
    });
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}

await main(workerData as DetectionRequest);
