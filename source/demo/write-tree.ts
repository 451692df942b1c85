/**
 * Writes records as CloudTrail's S3 delivery would have: one gzipped {"Records":[...]} file per
 * region and five-minute delivery window, under AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD.
 * This lets the demo exercise the same directory ingestion as a real exported trail.
 */

import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { makeDirectory, writeWholeFile } from '../case/index.js';

const gzipAsync = promisify(gzip);
const WINDOW_MS = 5 * 60 * 1000;
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}

/** CloudTrail's random file suffix, derived from the file's identity so reruns are identical. */
function fileSuffix(seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; i < 16; i++) out += ALNUM.charAt((digest[i] ?? 0) % ALNUM.length);
  return out;
}

interface Delivery {
  account: string;
  region: string;
  /** When the file was delivered: the end of its window. Names and folders use this time. */
  deliveredAt: number;
  records: Record<string, unknown>[];
}

export async function writeDemoTree(
  records: Record<string, unknown>[],
  dir: string,
): Promise<{ files: number; events: number }> {
  const deliveries = new Map<string, Delivery>();
  for (const record of records) {
    const account = text(record.recipientAccountId, 'unknown');
    const region = text(record.awsRegion, 'us-east-1');
    const time = Date.parse(text(record.eventTime, ''));
    const deliveredAt = (Math.floor((Number.isNaN(time) ? 0 : time) / WINDOW_MS) + 1) * WINDOW_MS;
    const key = `${account}/${region}/${deliveredAt}`;
    let delivery = deliveries.get(key);
    if (!delivery) {
      delivery = { account, region, deliveredAt, records: [] };
      deliveries.set(key, delivery);
    }
    delivery.records.push(record);
  }
  let events = 0;
  for (const [key, delivery] of deliveries) {
    const iso = new Date(delivery.deliveredAt).toISOString();
    const [yyyy, mm, dd] = [iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10)];
    const stamp = `${yyyy}${mm}${dd}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`;
    const folder = join(
      dir,
      'AWSLogs',
      delivery.account,
      'CloudTrail',
      delivery.region,
      yyyy,
      mm,
      dd,
    );
    const name = `${delivery.account}_CloudTrail_${delivery.region}_${stamp}_${fileSuffix(key)}.json.gz`;
    // Bounded (a hostile --write such as /proc/nope is one clear error) and atomic like every write.
    makeDirectory(folder, 0o755);
    writeWholeFile(
      join(folder, name),
      await gzipAsync(JSON.stringify({ Records: delivery.records })),
    );
    events += delivery.records.length;
  }
  return { files: deliveries.size, events };
}
