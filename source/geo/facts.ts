import type { IpKind } from './classify.js';
import type { HostingKind } from './cloud-networks.js';

/** Everything trailhound knows offline about one `sourceIPAddress`. */
export interface IpFacts {
  /** The text as CloudTrail recorded it (not normalised: it may be hostile; sanitise to show). */
  readonly ip: string;
  readonly kind: IpKind;
  /** ISO 3166 alpha-2 country code. */
  readonly country?: string;
  readonly city?: string;
  /** State or province. */
  readonly region?: string;
  readonly latitude?: number;
  readonly longitude?: number;
  readonly asn?: number;
  readonly asOrg?: string;
  /**
   * The call came from inside AWS, which matters for "stolen instance credentials used
   * elsewhere": Amazon's own networks (AS16509, AS14618), a VPC's private addresses, or AWS
   * itself (`aws-service`, `aws-internal`).
   */
  readonly insideAws: boolean;
  /**
   * The cloud, hosting or relay provider whose network holds the address (`Google Cloud`,
   * `Hetzner`, `Zscaler`; AWS too), from the offline AS data: an address there is a machine or a
   * proxy, not where a person is. Undefined for ordinary (residential, office, mobile) networks.
   */
  readonly hosting?: string;
  /** `cloud`: a data centre; `relay`: a proxy or VPN network whose exit says nothing of the person. */
  readonly hostingKind?: HostingKind;
}

/**
 * Whether the address is a machine's rather than a person's: inside AWS, or on a cloud, hosting
 * or relay network. Such an address is no place anyone travels from or to.
 */
export function inDataCentre(facts: IpFacts): boolean {
  return facts.insideAws || facts.hosting !== undefined;
}

export interface GeoDatabase {
  /** Never throws. Cached per distinct text: the same addresses are asked thousands of times. */
  lookup(ip: string): IpFacts;
  /** When the data was built, e.g. `DB-IP city 2026-06-05, ASN 2026-06-17`. */
  readonly dataDate: string;
  /** The credit the data's CC BY 4.0 licence asks for wherever its results are shown. */
  readonly attribution: string;
}

/** Amazon's autonomous systems: AS16509 (most of AWS) and AS14618 (older us-east-1 ranges). */
export const amazonAsns: ReadonlySet<number> = new Set([16509, 14618]);
