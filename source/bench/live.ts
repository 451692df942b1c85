/**
 * `npm run bench -- live`: the live source's throughput against the local LookupEvents endpoint
 * at AWS's real limit (2 requests/s per region, 50 events a page: 100 events/s at most), one
 * region against three side by side, and a run with a fifth of the requests throttled, which
 * must lose and repeat nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { quietSdkWarnings } from '../aws/quiet-warnings.js';
import { CLOUDTRAIL_RETRY_MODE } from '../aws/connect.js';
import { EventIndex } from '../index/index.js';
import { RecordReader } from '../ingest/index.js';
import { LiveReader } from '../ingest/live/index.js';
import { startCloudTrailEndpoint } from './cloudtrail-endpoint.js';
import { liveRecords } from './live-records.js';

interface Scenario {
  label: string;
  regions: string[];
  perRegion: number;
  throttleFraction: number;
}

export interface LiveBenchRow {
  label: string;
  regions: number;
  events: number;
  seconds: number;
  eventsPerSecondPerRegion: number;
  throttled: number;
  lost: number;
  repeated: number;
}

async function runScenario(scenario: Scenario): Promise<LiveBenchRow> {
  const records = liveRecords({ regions: scenario.regions, perRegion: scenario.perRegion });
  const endpoint = await startCloudTrailEndpoint({
    records,
    throttleFraction: scenario.throttleFraction,
    seed: 42,
  });
  const cacheDir = mkdtempSync(join(tmpdir(), 'trailhound-live-bench-'));
  const clients = new Map<string, CloudTrailClient>();
  try {
    const index = new EventIndex();
    const reader = await LiveReader.open({
      client: (region) => {
        let client = clients.get(region);
        if (!client) {
          client = new CloudTrailClient({
            region,
            endpoint: endpoint.url,
            retryMode: CLOUDTRAIL_RETRY_MODE,
            // AWS's documented example keys: the endpoint checks nothing, AWS would refuse them.
            credentials: {
              accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
              secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
            },
          });
          clients.set(region, client);
        }
        return client;
      },
      regions: scenario.regions,
      cacheDir,
      sink: index,
    });
    const start = performance.now();
    const result = await reader.load({ since: Date.now() - 2 * 24 * 3600 * 1000 });
    const seconds = (performance.now() - start) / 1000;
    if (result.errors.length > 0) throw new Error(`live bench: ${String(result.errors[0]!.error)}`);
    const reread = new RecordReader(reader.files, 4096);
    const ids = new Set<string>();
    let rows = 0;
    for (const row of index.order()) {
      const { fileId, recordIndex } = index.location(row);
      ids.add(String((await reread.read(fileId, recordIndex))['eventID']));
      rows++;
    }
    const expected = new Set(records.map((record) => String(record['eventID'])));
    let lost = 0;
    for (const id of expected) if (!ids.has(id)) lost++;
    return {
      label: scenario.label,
      regions: scenario.regions.length,
      events: rows,
      seconds,
      eventsPerSecondPerRegion: rows / seconds / scenario.regions.length,
      throttled: endpoint.counts().throttled,
      lost,
      repeated: rows - ids.size + index.duplicates,
    };
  } finally {
    for (const client of clients.values()) client.destroy();
    rmSync(cacheDir, { recursive: true, force: true });
    await endpoint.close();
  }
}

export async function liveBench(perRegion = 1200): Promise<LiveBenchRow[]> {
  quietSdkWarnings();
  const three = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
  const scenarios: Scenario[] = [
    { label: '1 region', regions: ['us-east-1'], perRegion, throttleFraction: 0 },
    { label: '3 regions side by side', regions: three, perRegion, throttleFraction: 0 },
    { label: '3 regions, 20% throttled', regions: three, perRegion, throttleFraction: 0.2 },
  ];
  console.log(
    `\nlive ingest (LookupEvents, local endpoint at 2 requests/s per region, ${perRegion.toLocaleString('en-US')} events per region):`,
  );
  const rows: LiveBenchRow[] = [];
  for (const scenario of scenarios) {
    const row = await runScenario(scenario);
    rows.push(row);
    console.log(
      `  ${row.label.padEnd(26)} ${row.events.toLocaleString('en-US').padStart(6)} events in ${row.seconds.toFixed(1).padStart(5)} s: ${row.eventsPerSecondPerRegion.toFixed(1)} events/s per region, ${(row.eventsPerSecondPerRegion * row.regions).toFixed(0)} in all; ${row.throttled} throttled, ${row.lost} lost, ${row.repeated} repeated`,
    );
  }
  return rows;
}
