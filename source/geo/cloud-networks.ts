/**
 * Networks whose addresses are machines, not people: cloud and hosting providers (an address
 * there is a data centre: an EC2 instance, a CI runner, a VPS), and relay networks (a security
 * proxy, a consumer VPN or Private Relay: the address says where the relay is, not where the
 * person sits). Neither is a place anyone travels to or from, and neither makes a good
 * "established place" for a person.
 *
 * By AS number, each checked against the bundled `@ip-location-db/asn` data (the comment after
 * each provider is the organisation name the data gives). The numbers are the networks' own;
 * residential networks a provider also runs (Google Fiber, AS16591) are left out on purpose.
 */

export type HostingKind = 'cloud' | 'relay';

export interface HostingNetwork {
  /** Who runs it, as an analyst says it: `Google Cloud`, `Hetzner`, `Zscaler`. */
  readonly provider: string;
  readonly kind: HostingKind;
}

const CLOUD: Record<string, readonly number[]> = {
  // "Amazon.com, Inc.", "Amazon Data Services Ireland Ltd"
  AWS: [16509, 14618, 8987],
  // "Google LLC", "Google Ireland Limited"
  'Google Cloud': [15169, 396982, 19527, 36384, 36492, 394089, 396178, 43515],
  // "Microsoft Corporation", "Microsoft Limited", "Microsoft Deutschland MCIO GmbH"
  'Microsoft Azure': [8075, 8068, 8069, 8070, 3598, 35106, 200517],
  // "Oracle Corporation"
  'Oracle Cloud': [31898, 54253, 64102, 33517, 20054, 6142],
  // "IBM Cloud" (SoftLayer's network)
  'IBM Cloud': [36351],
  // "Alibaba (US) Technology Co., Ltd.", "Hangzhou Alibaba Advertising Co.,Ltd.", "Alibaba Cloud (Singapore)"
  'Alibaba Cloud': [45102, 37963, 134963],
  // "Shenzhen Tencent Computer Systems Company Limited", "Tencent Cloud Computing (Beijing)"
  'Tencent Cloud': [45090, 132203, 133478],
  // "Huawei Cloud Service data center", "HUAWEI INTERNATIONAL PTE. LTD."
  'Huawei Cloud': [55990, 136907],
  // "DigitalOcean, LLC"
  DigitalOcean: [14061],
  // "Akamai Technologies, Inc." (Linode, now Akamai Connected Cloud)
  Linode: [63949],
  // "Hetzner Online GmbH"
  Hetzner: [24940, 213230, 215859, 212317],
  // "OVH SAS"
  OVHcloud: [16276, 35540],
  // "The Constant Company, LLC" (Vultr, formerly Choopa)
  Vultr: [20473],
  // "Scaleway SAS", "SCALEWAY S.A.S.", "SCALEWAY US CORPORATION"
  Scaleway: [12876, 29447, 202023, 54265],
  // "Contabo GmbH", "Contabo Inc.", "Contabo Asia Private Limited"
  Contabo: [51167, 40021, 141995],
  // "LeaseWeb Netherlands B.V.", "Leaseweb USA, Inc.", "Leaseweb Deutschland GmbH" …
  Leaseweb: [
    60781, 16265, 28753, 395954, 7203, 30633, 396190, 27411, 396362, 19148, 394380, 59253, 205544,
    32613,
  ],
  // "Rackspace Hosting", "Rackspace Ltd.", "Rackspace.com Hong Kong Limited"
  Rackspace: [33070, 19994, 27357, 15395, 24867, 45187, 58683],
  // "IONOS SE"
  IONOS: [8560],
  // "UpCloud Ltd"
  UpCloud: [202053],
  // "Fly.io, Inc."
  'Fly.io': [40509],
  // "Yandex.Cloud LLC"
  'Yandex Cloud': [200350],
  // "NAVER Cloud Corp."
  'Naver Cloud': [23576],
  // "JSC Selectel"
  Selectel: [49505, 50340],
  // "JSC "TIMEWEB""
  Timeweb: [9123],
  // "Servers.com, Inc."
  'Servers.com': [7979],
  // "HIVELOCITY, Inc."
  Hivelocity: [29802, 61317],
  // "Kamatera, Inc."
  Kamatera: [36007],
  // "G-Core Labs S.A."
  'G-Core Labs': [199524, 202422],
  // "Zenlayer Inc"
  Zenlayer: [21859],
  // "netcup GmbH"
  netcup: [197540],
  // "Clouvider Limited"
  Clouvider: [62240],
  // "QuadraNet Enterprises LLC", "Psychz Networks", "HostPapa"
  QuadraNet: [8100],
  'Psychz Networks': [40676],
  HostPapa: [36352],
  // "Datacamp Limited", "M247 Europe SRL", "PacketHub S.A.": data centres most consumer VPNs exit from
  Datacamp: [212238, 60068],
  M247: [9009],
  PacketHub: [136787],
};

const RELAY: Record<string, readonly number[]> = {
  // "Cloudflare, Inc.", "Cloudflare London, LLC" (WARP, Workers)
  Cloudflare: [13335, 209242, 14789, 132892, 202623],
  // "Akamai International B.V.", "Akamai Technologies, Inc." (CDN; iCloud Private Relay egress)
  Akamai: [20940, 16625, 36183, 35994, 32787, 24319, 34164],
  // "Fastly, Inc." (iCloud Private Relay egress)
  Fastly: [54113],
  // "ZSCALER, INC.", "Zscaler Switzerland GmbH"
  Zscaler: [22616, 62044, 53813],
  // "Netskope Inc"
  Netskope: [55256],
  // "Palo Alto Networks, Inc" (Prisma Access)
  'Palo Alto Networks': [2763],
};

const byAsn = new Map<number, HostingNetwork>();
for (const [kind, table] of [
  ['cloud', CLOUD],
  ['relay', RELAY],
] as const) {
  for (const [provider, asns] of Object.entries(table)) {
    const network = Object.freeze({ provider, kind });
    for (const asn of asns) byAsn.set(asn, network);
  }
}

/**
 * The long tail of small hosting companies, by words their AS organisation names use. Narrow on
 * purpose: "cloud" and "server" alone also name ISPs and Wi-Fi operators (`The Cloud Networks`),
 * so only words that say "machines in racks" count. Bounded: organisation names come from the
 * bundled data, never from a log.
 */
const HOSTING_WORDS =
  /\b(?:hosting|data ?cent(?:er|re)s?|datacent(?:er|re)s?|colocation|vps|dedicated servers?)\b/i;

/** The hosting or relay network an AS belongs to, or undefined for an ordinary network. */
export function hostingNetwork(asn: number, asOrg: string | undefined): HostingNetwork | undefined {
  const known = byAsn.get(asn);
  if (known) return known;
  if (asOrg !== undefined && asOrg.length <= 200 && HOSTING_WORDS.test(asOrg))
    return { provider: asOrg, kind: 'cloud' };
  return undefined;
}

/** Every AS number the table names, for tests that check them against the bundled data. */
export function hostingAsns(): ReadonlyMap<number, HostingNetwork> {
  return byAsn;
}
