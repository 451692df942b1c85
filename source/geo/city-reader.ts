import { Reader, type Response } from 'mmdb-lib';

/** The location fields trailhound uses from a DB-IP city record. */
export interface CityFacts {
  readonly country?: string;
  readonly city?: string;
  readonly region?: string;
  readonly latitude?: number;
  readonly longitude?: number;
}

export interface CityReader {
  /** `address` must be canonical for the reader's family (see `formatIpv4`, `formatIpv6Full`). */
  find(address: string): CityFacts | undefined;
  readonly buildEpoch: Date;
}

/** Opens a DB-IP city MMDB held in memory. Throws if the bytes are not an MMDB. */
export function openCityReader(bytes: Buffer): CityReader {
  const reader = new Reader<Response>(bytes);
  return {
    buildEpoch: reader.metadata.buildEpoch,
    find(address) {
      // mmdb-lib types records as MaxMind's shapes; DB-IP's lite records are flat, so the
      // record is read as unknown and checked field by field.
      const record: unknown = reader.get(address);
      return toCityFacts(record);
    },
  };
}

function toCityFacts(record: unknown): CityFacts | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const fields = record as Record<string, unknown>;
  const facts: {
    -readonly [K in keyof CityFacts]: CityFacts[K];
  } = {};
  const country = text(fields['country_code']);
  if (country) facts.country = country;
  const city = text(fields['city']);
  if (city) facts.city = city;
  const region = text(fields['state1']);
  if (region) facts.region = region;
  const latitude = fields['latitude'];
  const longitude = fields['longitude'];
  if (isCoordinate(latitude, 90) && isCoordinate(longitude, 180)) {
    facts.latitude = latitude;
    facts.longitude = longitude;
  }
  return facts;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function isCoordinate(value: unknown, limit: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= limit;
}
