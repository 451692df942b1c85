import { existsSync, readFileSync } from 'node:fs';
import { asnAt, findIpv4Row, findIpv6Row, type AsnMatch } from './asn-table.js';
import { parseIpv4AsnCsv, parseIpv6AsnCsv } from './asn-csv.js';
import { openCityReader, type CityFacts } from './city-reader.js';
import { classifyIp, classifyParsed, type IpKind } from './classify.js';
import { hostingNetwork } from './cloud-networks.js';
import { dateFromVersion, locateInstalledData, type GeoDataFiles } from './data-files.js';
import { amazonAsns, type GeoDatabase, type IpFacts } from './facts.js';
import { formatIpv4, formatIpv6Full, parseIp, type ParsedIp } from './ip-address.js';

export const attribution =
  'IP geolocation by DB-IP (db-ip.com); AS numbers by RouteViews, NRO and DB-IP; CC BY 4.0';

export interface GeoDatabaseOptions {
  /** Where the data files are. The default finds the installed packages; tests point elsewhere. */
  readonly locate?: () => GeoDataFiles;
  /** How many distinct addresses to remember (oldest forgotten first). */
  readonly cacheSize?: number;
}

export interface CheckedGeoDatabase extends GeoDatabase {
  /** Why some or all lookups come back without location or AS facts; undefined when all is well. */
  readonly problem?: string;
}

/** Addresses, service names and `AWS Internal` are at most 253 characters; longer text is junk. */
const longestCachedText = 253;

/**
 * A database over the installed data, or over `options.locate`'s files. Nothing is read until
 * an address needs it, and each of the four files loads on its own: a trail with no IPv6
 * sources never pays for the IPv6 tables. A file that is missing or unreadable costs only the
 * facts it would have given; lookups still classify, and `problem` says what is missing.
 */
export function createGeoDatabase(options: GeoDatabaseOptions = {}): CheckedGeoDatabase {
  const locate = options.locate ?? locateInstalledData;
  const cacheSize = Math.max(1, options.cacheSize ?? 100_000);
  const problems: string[] = [];
  const note = (problem: string): void => {
    if (!problems.includes(problem)) problems.push(problem);
  };

  let files: GeoDataFiles | undefined;
  let located = false;
  const dataFiles = (): GeoDataFiles | undefined => {
    if (!located) {
      located = true;
      try {
        files = locate();
      } catch (error) {
        note(`IP data packages not found: ${message(error)}`);
      }
    }
    return files;
  };

  const load = <T>(
    label: string,
    pick: (files: GeoDataFiles) => string,
    open: (bytes: Buffer) => T,
  ) =>
    once(() => {
      const found = dataFiles();
      if (!found) return undefined;
      const path = pick(found);
      try {
        return open(readFileSync(path));
      } catch (error) {
        note(`${label} unreadable (${path}): ${message(error)}`);
        return undefined;
      }
    });

  const cityIpv4 = load('DB-IP city IPv4 data', (f) => f.cityIpv4, openCityReader);
  const cityIpv6 = load('DB-IP city IPv6 data', (f) => f.cityIpv6, openCityReader);
  const asnIpv4 = load(
    'ASN IPv4 data',
    (f) => f.asnIpv4,
    (bytes) => nonEmpty(parseIpv4AsnCsv(bytes).table),
  );
  const asnIpv6 = load(
    'ASN IPv6 data',
    (f) => f.asnIpv6,
    (bytes) => nonEmpty(parseIpv6AsnCsv(bytes).table),
  );

  const locateFacts = (ip: ParsedIp): { city?: CityFacts; as?: AsnMatch } => {
    if (ip.family === 4) {
      const table = asnIpv4();
      const row = table ? findIpv4Row(table, ip.value) : -1;
      return {
        city: cityIpv4()?.find(formatIpv4(ip.value)),
        ...(table && row >= 0 ? { as: asnAt(table, row) } : {}),
      };
    }
    const table = asnIpv6();
    const row = table ? findIpv6Row(table, ip.words) : -1;
    return {
      city: cityIpv6()?.find(formatIpv6Full(ip.words)),
      ...(table && row >= 0 ? { as: asnAt(table, row) } : {}),
    };
  };

  const factsFor = (text: string): IpFacts => {
    const parsed = text.length <= 45 ? parseIp(text) : undefined;
    const kind: IpKind = parsed ? classifyParsed(parsed) : classifyIp(text);
    if (kind !== 'public' || !parsed) return { ip: text, kind, insideAws: insideAwsByKind(kind) };
    const { city, as } = locateFacts(parsed);
    const hosting = as ? hostingNetwork(as.asn, as.org) : undefined;
    return {
      ip: text,
      kind,
      ...city,
      ...(as ? { asn: as.asn } : {}),
      ...(as?.org !== undefined ? { asOrg: as.org } : {}),
      insideAws: as !== undefined && amazonAsns.has(as.asn),
      ...(hosting ? { hosting: hosting.provider, hostingKind: hosting.kind } : {}),
    };
  };

  // Insertion-ordered, so the first key is the oldest: forgetting it is first-in-first-out,
  // which costs nothing on a hit, unlike a true LRU's reinsertion.
  const cache = new Map<string, IpFacts>();

  return {
    attribution,
    lookup(ip: string): IpFacts {
      const text = typeof ip === 'string' ? ip : '';
      const cached = cache.get(text);
      if (cached) return cached;
      let facts: IpFacts;
      try {
        facts = Object.freeze(factsFor(text));
      } catch {
        // A corrupt data file can make a reader throw mid-lookup; the address is still classified.
        const kind = classifyIp(text);
        facts = Object.freeze({ ip: text, kind, insideAws: insideAwsByKind(kind) });
      }
      if (text.length <= longestCachedText) {
        if (cache.size >= cacheSize) {
          const oldest = cache.keys().next();
          if (!oldest.done) cache.delete(oldest.value);
        }
        cache.set(text, facts);
      }
      return facts;
    },
    get dataDate(): string {
      const found = dataFiles();
      if (!found) return 'no IP data';
      const city = dateFromVersion(found.cityVersion) ?? 'undated';
      const asn = dateFromVersion(found.asnVersion) ?? 'undated';
      return `DB-IP city ${city}, ASN ${asn}`;
    },
    get problem(): string | undefined {
      const found = dataFiles();
      if (found) {
        for (const path of [found.cityIpv4, found.cityIpv6, found.asnIpv4, found.asnIpv6]) {
          if (!existsSync(path)) note(`IP data file missing: ${path}`);
        }
      }
      return problems.length > 0 ? problems.join('; ') : undefined;
    },
  };
}

function insideAwsByKind(kind: IpKind): boolean {
  return kind === 'private' || kind === 'aws-service' || kind === 'aws-internal';
}

/** Runs `compute` on the first call only and remembers its result, failure included. */
function once<T>(compute: () => T | undefined): () => T | undefined {
  let done = false;
  let value: T | undefined;
  return () => {
    if (!done) {
      done = true;
      value = compute();
    }
    return value;
  };
}

function nonEmpty<T extends { count: number }>(table: T): T {
  if (table.count === 0) throw new Error('no address ranges in the file');
  return table;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

let shared: CheckedGeoDatabase | undefined;

/** The process-wide database over the installed data; nothing loads until the first lookup. */
export function geoDatabase(): CheckedGeoDatabase {
  shared ??= createGeoDatabase();
  return shared;
}
