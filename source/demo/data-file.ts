/**
 * The shipped demo case: where it lives and how it is encoded. The path is resolved from this
 * module's URL; source/demo and dist/demo both sit two levels below the repository root, so the
 * same relative URL finds <repo>/data/demo-case.json.gz under vitest and after the build.
 */

import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const DEMO_DATA_FILE: string = fileURLToPath(
  new URL('../../data/demo-case.json.gz', import.meta.url),
);

/** {"Records":[...]} with one record per line, gzipped at level 9 to keep the package small. */
export function encodeDemoCase(records: Record<string, unknown>[]): Buffer {
  const lines = records.map((record) => JSON.stringify(record)).join(',\n');
  return gzipSync(`{"Records":[\n${lines}\n]}\n`, { level: 9 });
}
