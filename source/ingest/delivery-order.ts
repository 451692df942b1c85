import { basename } from 'node:path';
import type { SourceFile } from './source-file.js';

/**
 * CloudTrail names each log file after the time it was delivered:
 * `<account>_CloudTrail_<region>_<YYYYMMDDTHHmm>Z_<unique>.json.gz`.
 */
const DELIVERY_TIME = /_(\d{8}T\d{4})/;

/**
 * The files in the order their events happened, as far as their names tell: a tree lists
 * account by account and region by region, so reading it in path order hands the index events
 * from all over the trail's span at once, and every re-sort during the load merged into the
 * whole stream instead of its tail (at a million events, the UI thread's largest cost after
 * appending). Files without a delivery time in their name (loose exports, standard input) come
 * first, in the order given; the sort is stable, so ties keep path order.
 */
export function deliveryOrder(files: readonly SourceFile[]): SourceFile[] {
  const keyed = files.map((file) => ({
    file,
    key: file.bytes ? '' : (DELIVERY_TIME.exec(basename(file.path))?.[1] ?? ''),
  }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map(({ file }) => file);
}
