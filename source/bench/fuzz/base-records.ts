/**
 * The real records the fuzz corrupts: the shared fixtures (stratus detonations, flaws2, the
 * CloudTrail user guide's examples, edge cases) and the demo case's trail.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Record_ } from './corrupt.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SOURCES = [join(ROOT, '../shared/fixtures'), join(ROOT, 'data/demo-case.json.gz')];

function walk(path: string, out: string[]): void {
  if (statSync(path).isDirectory())
    for (const name of readdirSync(path)) walk(join(path, name), out);
  else if (/\.(json|jsonl)(\.gz)?$/.test(path)) out.push(path);
}

function recordsOf(text: string): unknown[] {
  try {
    const parsed = JSON.parse(text) as unknown;
    if (Array.isArray(parsed)) return parsed;
    const records = (parsed as { Records?: unknown }).Records;
    return Array.isArray(records) ? records : [];
  } catch {
    return text.split('\n').flatMap((line) => {
      try {
        return [JSON.parse(line) as unknown];
      } catch {
        return [];
      }
    });
  }
}

/** At most `perFile` records of each file (the demo trail alone has thousands). */
export function baseRecords(perFile = 40): Record_[] {
  const files: string[] = [];
  for (const source of SOURCES) {
    try {
      walk(source, files);
    } catch {
      // A checkout without the shared fixtures fuzzes what it has.
    }
  }
  const records: Record_[] = [];
  for (const file of files) {
    const bytes = readFileSync(file);
    const text = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
    const usable = recordsOf(text).filter(
      (r): r is Record_ =>
        r !== null &&
        typeof r === 'object' &&
        !Array.isArray(r) &&
        typeof (r as Record_).eventTime === 'string',
    );
    const step = Math.max(1, Math.floor(usable.length / perFile));
    for (let i = 0; i < usable.length && i / step < perFile; i += step) records.push(usable[i]!);
  }
  if (records.length === 0)
    throw new Error('no base records: ../shared/fixtures and data/demo-case.json.gz are missing');
  return records;
}
