/**
 * The live source's cache: each page LookupEvents returned, kept as a file in the shape
 * `aws cloudtrail lookup-events` prints (`{"Events":[...]}`), which the loader already reads.
 * That gives the index its usual way back to a full record (file id + position), and lets a
 * reopened case show what was fetched at once: a manifest remembers which time ranges were read
 * per region and lookup, so a refresh asks only for the rest.
 *
 * Layout: `<dir>/manifest.json` and `<dir>/<region>/<lookup>/<page>.json`. The folder is the
 * analyst's evidence: created 0700, files 0600, each written whole (temp file, then rename).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, chmod } from 'node:fs/promises';
import { makeDirectory, nodeFileSystem, writeWholeFile } from '../../case/index.js';
import { join } from 'node:path';
import { addInterval, type Interval } from './coverage.js';
import type { ServerLookup } from './lookup-plan.js';

interface Manifest {
  version: 1;
  /** By lookup key (`<region>/<lookup dir>`): the ranges read, and the lookup in words. */
  lookups: Record<string, { lookup: string; covered: Interval[] }>;
}

export interface WrittenPage {
  path: string;
  bytes: Uint8Array;
}

let written = 0;

export class PageCache {
  private manifest: Manifest;
  /** Manifest writes in the order asked: regions finish side by side. */
  private saving: Promise<void> = Promise.resolve();

  private constructor(
    readonly dir: string,
    manifest: Manifest,
  ) {
    this.manifest = manifest;
  }

  static async open(dir: string): Promise<PageCache> {
    makeDirectory(dir, 0o700);
    // mkdir's mode applies only to a folder it creates; an existing one is tightened too.
    await chmod(dir, 0o700);
    return new PageCache(dir, await readManifest(join(dir, 'manifest.json')));
  }

  covered(region: string, lookup: ServerLookup | undefined): Interval[] {
    return this.manifest.lookups[keyOf(region, lookup)]?.covered ?? [];
  }

  /** The pages kept for this region and lookup, oldest written first. */
  async pages(region: string, lookup: ServerLookup | undefined): Promise<string[]> {
    const folder = join(this.dir, keyOf(region, lookup));
    let names: string[];
    try {
      names = await readdir(folder);
    } catch {
      return [];
    }
    return names
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => join(folder, name));
  }

  async writePage(
    region: string,
    lookup: ServerLookup | undefined,
    document: unknown,
  ): Promise<WrittenPage> {
    const folder = join(this.dir, keyOf(region, lookup));
    makeDirectory(folder, 0o700);
    const name = `${Date.now().toString().padStart(15, '0')}-${process.pid}-${String(written++).padStart(6, '0')}.json`;
    const bytes = Buffer.from(JSON.stringify(document));
    const path = join(folder, name);
    await writeWhole(path, bytes);
    return { path, bytes };
  }

  markCovered(region: string, lookup: ServerLookup | undefined, range: Interval): Promise<void> {
    const key = keyOf(region, lookup);
    const entry = this.manifest.lookups[key];
    this.manifest.lookups[key] = {
      lookup: lookup ? `${lookup.key}=${lookup.value}` : '',
      covered: addInterval(entry?.covered ?? [], range),
    };
    const text = JSON.stringify(this.manifest);
    this.saving = this.saving.then(() =>
      writeWhole(join(this.dir, 'manifest.json'), Buffer.from(text)),
    );
    return this.saving;
  }
}

/** `<region>/all` or `<region>/<Attribute>-<hash of value>`: values can hold any character. */
function keyOf(region: string, lookup: ServerLookup | undefined): string {
  const safeRegion = region.replace(/[^a-z0-9-]/g, '_');
  if (!lookup) return `${safeRegion}/all`;
  const digest = createHash('sha256').update(lookup.value).digest('hex').slice(0, 16);
  return `${safeRegion}/${lookup.key}-${digest}`;
}

// Through the atomic writer, as every file trailhound writes: whole, 0600, never through a
// planted link. Not flushed: a lost page is read again, and an fsync would stall the event loop
// between paced requests. Kept async for the callers that chain manifest writes.
async function writeWhole(path: string, bytes: Uint8Array): Promise<void> {
  writeWholeFile(path, bytes, nodeFileSystem, false);
  return Promise.resolve();
}

async function readManifest(path: string): Promise<Manifest> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<Manifest>;
    if (parsed.version === 1 && parsed.lookups && typeof parsed.lookups === 'object') {
      return { version: 1, lookups: parsed.lookups };
    }
  } catch {
    // Missing or unreadable: start afresh; the pages are re-read, nothing is lost but time.
  }
  return { version: 1, lookups: {} };
}
