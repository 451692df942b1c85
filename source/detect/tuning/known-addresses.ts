import { ipInRange, parseCidr, parseIp, type CidrRange } from '../sigma/cidr.js';

/**
 * Where places are judged (the baseline's address, network, AS, country and city): an address in
 * a known egress network (tuning) is established there for everyone. User agents, regions and
 * event names are not places: a VPN says nothing of them.
 */
export const PLACE_DIMENSIONS: ReadonlySet<string> = new Set([
  'address',
  'network',
  'asn',
  'asOrg',
  'country',
  'city',
]);

/**
 * A table over the sourceIp dictionary: 1 where the address is in one of the known networks.
 * Built once per distinct address, so the per-row test is one array lookup.
 */
export function knownAddressTable(
  addresses: readonly string[],
  cidrs: readonly string[],
): Uint8Array {
  const ranges = cidrs.map((cidr) => parseCidr(cidr)).filter((r): r is CidrRange => !!r);
  const table = new Uint8Array(addresses.length);
  if (ranges.length === 0) return table;
  for (let id = 0; id < addresses.length; id++) {
    const ip = parseIp(addresses[id]!);
    if (ip && ranges.some((range) => ipInRange(ip, range))) table[id] = 1;
  }
  return table;
}
