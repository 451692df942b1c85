/** Shared setup for the live-source tests: the real SDK client against the local endpoint. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CLOUDTRAIL_RETRY_MODE } from '../../source/aws/connect.js';
import { EventIndex } from '../../source/index/index.js';
import { RecordReader } from '../../source/ingest/index.js';
import type { SourceFile } from '../../source/ingest/index.js';
import { FAKE_KEY, FAKE_SECRET } from '../aws/fake-aws-env.js';

/** One client per region, as aws/connect builds them, pointed at the endpoint. */
export function clientsFor(url: string, maxAttempts = 3): (region: string) => CloudTrailClient {
  const clients = new Map<string, CloudTrailClient>();
  return (region) => {
    let client = clients.get(region);
    if (!client) {
      client = new CloudTrailClient({
        region,
        endpoint: url,
        retryMode: CLOUDTRAIL_RETRY_MODE,
        maxAttempts,
        credentials: { accessKeyId: FAKE_KEY, secretAccessKey: FAKE_SECRET },
      });
      clients.set(region, client);
    }
    return client;
  };
}

export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'trailhound-live-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Every indexed row's eventID, re-read from its page file (the index keeps no ids). */
export async function indexedIds(
  index: EventIndex,
  files: readonly SourceFile[],
): Promise<string[]> {
  const reader = new RecordReader(files, 1024);
  const ids: string[] = [];
  for (const row of index.order()) {
    const { fileId, recordIndex } = index.location(row);
    const record = await reader.read(fileId, recordIndex);
    ids.push(String(record['eventID']));
  }
  return ids;
}
