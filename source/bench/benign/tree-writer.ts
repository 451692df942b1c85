/**
 * Streams records to disk as CloudTrail's S3 delivery would have written them: one gzipped
 * {"Records":[...]} file per region and delivery window, under
 * AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD (as `source/demo/write-tree.ts` does for
 * the demo, but a day at a time, so a million events never sit in memory together).
 */

import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { makeDirectory, nodeFileSystem, writeWholeFile } from '../../case/index.js';
import type { RawRecord } from '../../demo/record.js';

const gzipAsync = promisify(gzip);
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function suffix(seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; i < 16; i++) out += ALNUM.charAt((digest[i] ?? 0) % ALNUM.length);
  return out;
}

export class DeliveryWriter {
  files = 0;
  events = 0;
  private readonly folders = new Set<string>();

  /**
   * `windowMinutes`: CloudTrail delivers about every five minutes; a longer window makes fewer,
   * larger files, which changes nothing the detections see and spares a shared disk.
   */
  constructor(
    private readonly dir: string,
    private readonly windowMinutes = 60,
    /** false writes plain .json files (tests: the same records, less work). */
    private readonly gzip = true,
  ) {}

  /**
   * Writes records (in time order) whose windows are not yet written: the caller hands over
   * each window's records once, with nothing later still to come for it.
   */
  async write(records: readonly RawRecord[]): Promise<void> {
    const deliveries = new Map<string, RawRecord[]>();
    for (const record of records) {
      const time = Date.parse(String(record.eventTime));
      const window = this.windowMinutes * 60_000;
      const deliveredAt = (Math.floor(time / window) + 1) * window;
      const key = `${String(record.recipientAccountId)}/${String(record.awsRegion)}/${deliveredAt}`;
      let list = deliveries.get(key);
      if (!list) deliveries.set(key, (list = []));
      list.push(record);
    }
    // Compressed on libuv's pool, a few at a time, while this thread writes the rest.
    const pending = [...deliveries];
    const batch = 8;
    for (let at = 0; at < pending.length; at += batch) {
      const slice = pending.slice(at, at + batch);
      const bodies = await Promise.all(
        slice.map(([, list]) => {
          const text = JSON.stringify({ Records: list });
          return this.gzip ? gzipAsync(text, { level: 1 }) : Buffer.from(text);
        }),
      );
      slice.forEach(([key, list], i) => this.writeFile(key, list.length, bodies[i]!));
    }
  }

  private writeFile(key: string, count: number, body: Buffer): void {
    const [account, region, delivered] = key.split('/') as [string, string, string];
    const iso = new Date(Number(delivered)).toISOString();
    const [yyyy, mm, dd] = [iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10)];
    const stamp = `${yyyy}${mm}${dd}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`;
    const folder = join(this.dir, 'AWSLogs', account, 'CloudTrail', region, yyyy, mm, dd);
    if (!this.folders.has(folder)) {
      makeDirectory(folder, 0o755);
      this.folders.add(folder);
    }
    const name = `${account}_CloudTrail_${region}_${stamp}_${suffix(key)}.json${this.gzip ? '.gz' : ''}`;
    // Unflushed like the bench's other trees: a lost tree is regenerated, never half-read.
    writeWholeFile(join(folder, name), body, nodeFileSystem, false);
    this.files++;
    this.events += count;
  }
}
