import { inDataCentre, type IpFacts } from './facts.js';

const earthRadiusKm = 6371.0088;

/** Great-circle distance by the haversine formula. */
export function distanceKm(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const radians = Math.PI / 180;
  const deltaLatitude = (b.latitude - a.latitude) * radians;
  const deltaLongitude = (b.longitude - a.longitude) * radians;
  const h =
    Math.sin(deltaLatitude / 2) ** 2 +
    Math.cos(a.latitude * radians) *
      Math.cos(b.latitude * radians) *
      Math.sin(deltaLongitude / 2) ** 2;
  return 2 * earthRadiusKm * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Faster than this over the ground is not a person on a plane (airliners cruise at ~900 km/h). */
export const airlinerKmPerHour = 1000;

/**
 * How far off the two city-level positions may be between them. Free geolocation puts a mobile
 * or corporate address at its operator's hub, often a few hundred kilometres from the person,
 * so this much of any distance is written off before the speed is judged. It also means two
 * sightings closer than this are never impossible.
 */
export const locationSlackKm = 500;

export interface Sighting {
  /** Epoch milliseconds. */
  readonly time: number;
  readonly facts: IpFacts;
}

export interface Travel {
  readonly km: number;
  readonly hours: number;
  /** `km / hours`; Infinity when both sightings share a timestamp but not a place. */
  readonly kmPerHour: number;
  readonly impossible: boolean;
}

/**
 * The journey implied by two sightings of one principal, so a finding can say "Lagos → Paris,
 * 4,700 km in 12 min". Undefined when either side has no city-level position: a bare country
 * code comes with the country's centroid, which is not a place anyone was.
 *
 * Impossible when, after writing off `locationSlackKm`, the rest could not be covered at
 * `airlinerKmPerHour`. Never impossible when either side is inside AWS or on another cloud,
 * hosting or relay network: CloudShell, EC2 and Lambda egress sit in a region, not where the
 * person is, so "Lagos, then Ashburn" is a person using a console in the cloud, not a flight, and
 * "Quincy, then San Jose" is two data centres.
 */
export function travel(a: Sighting, b: Sighting): Travel | undefined {
  const from = a.facts;
  const to = b.facts;
  if (!Number.isFinite(a.time) || !Number.isFinite(b.time)) return undefined;
  if (from.city === undefined || to.city === undefined) return undefined;
  if (from.latitude === undefined || from.longitude === undefined) return undefined;
  if (to.latitude === undefined || to.longitude === undefined) return undefined;
  const km = distanceKm(
    { latitude: from.latitude, longitude: from.longitude },
    { latitude: to.latitude, longitude: to.longitude },
  );
  const hours = Math.abs(b.time - a.time) / 3_600_000;
  const kmPerHour = hours > 0 ? km / hours : km > 0 ? Infinity : 0;
  const impossible =
    !inDataCentre(from) && !inDataCentre(to) && km - locationSlackKm > airlinerKmPerHour * hours;
  return { km, hours, kmPerHour, impossible };
}
