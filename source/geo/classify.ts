import { parseIp, type ParsedIp } from './ip-address.js';

/** What a `sourceIPAddress` says about where a call came from, before any data is consulted. */
export type IpKind = 'aws-service' | 'aws-internal' | 'private' | 'public' | 'unknown';

/**
 * A service calling on a principal's behalf writes its own host name (`lambda.amazonaws.com`).
 * Lower-case labels only, as AWS writes them; the length cap keeps the pattern's work bounded on
 * hostile input. The `.cn` suffix covers the China partition.
 */
const serviceHost = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+amazonaws\.com(?:\.cn)?$/;

/**
 * Classifies the text CloudTrail recorded as the caller's address. Pure and cheap; never throws.
 * The text is taken as it is (no trimming): a value with stray spaces or control characters was
 * not written by AWS and is `unknown`. Leading-zero octets (`253.252.51.07`) are read as decimal,
 * as the anonymised logs that contain them intend. Unspecified addresses (`0.0.0.0/8`, `::`) name
 * no host and are `unknown`; other reserved ranges (multicast, documentation, 240/4) are valid
 * addresses and count as `public`; they simply have no location.
 */
export function classifyIp(text: string): IpKind {
  if (typeof text !== 'string' || text.length === 0 || text.length > 253) return 'unknown';
  if (text === 'AWS Internal') return 'aws-internal';
  const parsed = parseIp(text);
  if (parsed) return classifyParsed(parsed);
  return serviceHost.test(text) ? 'aws-service' : 'unknown';
}

export function classifyParsed(ip: ParsedIp): IpKind {
  return ip.family === 4 ? classifyIpv4(ip.value) : classifyIpv6(ip.words);
}

function classifyIpv4(value: number): IpKind {
  const first = value >>> 24;
  const second = (value >>> 16) & 255;
  if (first === 0) return 'unknown';
  if (
    first === 10 || // RFC 1918
    first === 127 || // loopback
    (first === 172 && second >= 16 && second <= 31) || // RFC 1918
    (first === 192 && second === 168) || // RFC 1918
    (first === 169 && second === 254) || // link-local
    (first === 100 && second >= 64 && second <= 127) // carrier-grade NAT, RFC 6598
  ) {
    return 'private';
  }
  return 'public';
}

function classifyIpv6(words: Uint32Array): IpKind {
  const [w0, w1, w2, w3] = [words[0]!, words[1]!, words[2]!, words[3]!];
  if (w0 === 0 && w1 === 0 && w2 === 0) {
    if (w3 === 0) return 'unknown'; // ::
    if (w3 === 1) return 'private'; // ::1 loopback
  }
  const top = w0 >>> 16;
  if ((top & 0xfe00) === 0xfc00) return 'private'; // unique local fc00::/7
  if ((top & 0xffc0) === 0xfe80) return 'private'; // link-local fe80::/10
  return 'public';
}
