import type { IpFacts } from '../../geo/index.js';
import { formatIpv4, parseIp } from '../../geo/ip-address.js';
import type { TextField } from '../../trail/event.js';
import { operationName } from '../../trail/event-name.js';
import { VALUE_MAX_CHARS } from './thresholds.js';
import type { BaselineDimension } from './types.js';

/**
 * How a dimension's value is derived from one text column: each distinct text (a dictionary
 * value) is derived once, never once per row. `undefined` is "no value on this dimension".
 */
export interface Derivation {
  field: TextField;
  /** A value from the text alone (user agent, region, event name). */
  derive?: (text: string) => string | undefined;
  /** A place from a real address's offline facts (looked up once per address for all places). */
  pick?: (facts: IpFacts, text: string) => string | undefined;
}

/** The /24 (IPv4) or /48 (IPv6) network holding an address, or undefined when it is none. */
export function networkOf(text: string): string | undefined {
  const parsed = parseIp(text);
  if (!parsed) return undefined;
  if (parsed.family === 4) return `${formatIpv4(parsed.value & 0xffffff00)}/24`;
  const [a, b] = parsed.words;
  const hex = (n: number) => n.toString(16);
  return `${hex(a! >>> 16)}:${hex(a! & 0xffff)}:${hex(b! >>> 16)}::/48`;
}

/**
 * The family of a user agent, what an analyst compares ("aws-cli/2 from a new laptop" is not
 * news; "python-requests from a user who only ever used the console" is): the tool, and its
 * major version where the major version changes the tool (aws-cli 1 and 2, the JS SDK 2 and 3).
 */
export function userAgentFamily(text: string): string | undefined {
  const ua = text.trim();
  if (ua === '') return undefined;
  if (ua === 'AWS Internal') return 'AWS Internal';
  if (/^(signin|console)(\.[a-z0-9-]+)*\.amazonaws\.com\b/i.test(ua)) return 'console';
  if (/\bterraform\b/i.test(ua)) return 'Terraform';
  if (/\bPulumi\b/i.test(ua)) return 'Pulumi';
  if (/\baws-cdk\b|\bCDK\b/.test(ua)) return 'CDK';
  if (/\bCloudFormation\b/i.test(ua)) return 'CloudFormation';
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com$/i.test(ua)) return ua.toLowerCase();
  const cli = /^aws-cli\/(\d+)/i.exec(ua);
  if (cli) return `aws-cli/${cli[1]}`;
  if (/^Boto3\//i.test(ua)) return 'Boto3';
  if (/^Botocore\//i.test(ua)) return 'Botocore';
  const js = /^aws-sdk-js\/(\d+)/i.exec(ua);
  if (js) return `aws-sdk-js/${js[1]}`;
  if (/^aws-sdk-go-v2\//i.test(ua)) return 'aws-sdk-go-v2';
  if (/^Mozilla\//.test(ua)) return 'browser';
  // Anything else: its first product token without the version (`python-requests/2.31` →
  // `python-requests`), bounded, since the caller writes this text.
  const token = /^[^\s/()]+/.exec(ua)?.[0] ?? '';
  return token === '' ? undefined : token.slice(0, VALUE_MAX_CHARS);
}

/** `Boston, US`; undefined when the data has no city. */
function cityOf(facts: IpFacts): string | undefined {
  if (!facts.city) return undefined;
  return facts.country ? `${facts.city}, ${facts.country}` : facts.city;
}

/**
 * The derivation of each dimension. Place dimensions read only real addresses: a service's host
 * name or `AWS Internal` has no place ('none'), and an address the offline data cannot place has
 * no country (a private one, say).
 */
export const DERIVATIONS: Record<BaselineDimension, Derivation> = {
  address: { field: 'sourceIp', pick: (_, text) => text },
  network: { field: 'sourceIp', pick: (_, text) => networkOf(text) },
  asn: {
    field: 'sourceIp',
    pick: (facts) => (facts.asn === undefined ? undefined : `AS${facts.asn}`),
  },
  asOrg: {
    field: 'sourceIp',
    pick: (facts) => facts.asOrg?.slice(0, VALUE_MAX_CHARS) || undefined,
  },
  country: { field: 'sourceIp', pick: (facts) => facts.country || undefined },
  city: { field: 'sourceIp', pick: cityOf },
  userAgent: { field: 'userAgent', derive: userAgentFamily },
  region: { field: 'region', derive: (text) => text || undefined },
  eventName: { field: 'eventName', derive: (text) => operationName(text) || undefined },
};
