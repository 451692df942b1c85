/**
 * Offline facts about the addresses in `sourceIPAddress`: what kind of address it is, where it
 * geolocates (DB-IP city lite), which network owns it (ip-location-db ASN), whether it is inside
 * AWS, and whether two sightings of one principal imply impossible travel. No network access.
 */
export { classifyIp, type IpKind } from './classify.js';
export { inDataCentre, type GeoDatabase, type IpFacts } from './facts.js';
export { hostingNetwork, type HostingKind, type HostingNetwork } from './cloud-networks.js';
export {
  attribution,
  createGeoDatabase,
  geoDatabase,
  type CheckedGeoDatabase,
  type GeoDatabaseOptions,
} from './database.js';
export type { GeoDataFiles } from './data-files.js';
export {
  airlinerKmPerHour,
  distanceKm,
  locationSlackKm,
  travel,
  type Sighting,
  type Travel,
} from './travel.js';
