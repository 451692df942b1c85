/**
 * Parsing of the address text CloudTrail puts in `sourceIPAddress`. Hand-written scanners over
 * bytes rather than regular expressions: the same code reads the half million ranges of the ASN
 * tables at load, where a regular expression, a `split` or a string per line costs too much.
 */

/** An address reduced to numbers. IPv4-mapped IPv6 (`::ffff:a.b.c.d`) comes back as family 4. */
export type ParsedIp =
  | { readonly family: 4; readonly value: number }
  | { readonly family: 6; readonly words: Uint32Array };

/** The longest address text: `ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255`. */
export const longestAddress = 45;

/**
 * The 32-bit value of a dotted quad in `bytes[start..end)`, or -1. Lenient about leading zeros
 * and reads them as decimal: anonymised logs pad octets (`253.252.51.07`, `035.249.253.232`) and
 * mean the decimal number, whereas the old `inet_aton` reading of `035` as octal 29 would
 * silently move the address elsewhere. Each octet has 1 to 3 digits.
 */
export function parseIpv4Bytes(bytes: Uint8Array, start: number, end: number): number {
  if (end - start < 7 || end - start > 15) return -1;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const code = bytes[i]!;
    if (code === 46 /* . */) {
      if (digits === 0 || ++dots > 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      continue;
    }
    const digit = code - 48;
    if (digit < 0 || digit > 9 || ++digits > 3) return -1;
    octet = octet * 10 + digit;
    if (octet > 255) return -1;
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + octet;
}

function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 0x20;
  if (lower >= 97 && lower <= 102) return lower - 87;
  return -1;
}

/** Scratch space for the eight 16-bit groups; parsing is synchronous, so one buffer serves all. */
const groups = new Uint16Array(8);

/**
 * Reads an IPv6 address in `bytes[start..end)` into four 32-bit words at `out[at..at+3]`, most
 * significant first. Accepts `::` compression, either case, and a dotted IPv4 tail
 * (`::ffff:10.0.0.1`). Rejects zone ids (`fe80::1%eth0`): CloudTrail does not write them, and an
 * address with a zone is not a place on the internet anyway.
 */
export function parseIpv6Bytes(
  bytes: Uint8Array,
  start: number,
  end: number,
  out: Uint32Array,
  at: number,
): boolean {
  if (end - start < 2 || end - start > longestAddress) return false;
  let count = 0;
  let gapAt = -1;
  let i = start;
  if (bytes[i] === 58 /* : */) {
    if (bytes[i + 1] !== 58) return false;
    gapAt = 0;
    i += 2;
  }
  while (i < end) {
    const groupStart = i;
    let value = 0;
    let digits = 0;
    while (i < end) {
      const digit = hexDigit(bytes[i]!);
      if (digit < 0) break;
      if (++digits > 4) return false;
      value = value * 16 + digit;
      i++;
    }
    if (i < end && bytes[i] === 46 /* . */) {
      // A dotted IPv4 tail fills the last two groups and must end the text.
      if (count > 6) return false;
      const v4 = parseIpv4Bytes(bytes, groupStart, end);
      if (v4 < 0) return false;
      groups[count++] = v4 >>> 16;
      groups[count++] = v4 & 0xffff;
      break;
    }
    if (digits === 0 || count === 8) return false;
    groups[count++] = value;
    if (i === end) break;
    if (bytes[i] !== 58) return false;
    i++;
    if (i < end && bytes[i] === 58) {
      if (gapAt >= 0) return false;
      gapAt = count;
      i++;
    } else if (i === end) {
      return false; // a single trailing colon
    }
  }
  if (gapAt < 0 ? count !== 8 : count > 7) return false;
  // Expand `::`: the groups after the gap move to the end, zeros fill the middle.
  const missing = 8 - count;
  for (let word = 0; word < 4; word++) {
    const high = groupAt(2 * word, gapAt, missing);
    const low = groupAt(2 * word + 1, gapAt, missing);
    out[at + word] = ((high << 16) | low) >>> 0;
  }
  return true;
}

function groupAt(position: number, gapAt: number, missing: number): number {
  if (gapAt < 0 || position < gapAt) return groups[position]!;
  if (position < gapAt + missing) return 0;
  return groups[position - missing]!;
}

/** Scratch bytes for parsing a string; anything longer than an address is not one. */
const textBytes = new Uint8Array(longestAddress);

/** Copies ASCII text into `textBytes`; false when it is too long or not ASCII. */
function toBytes(text: string): boolean {
  if (text.length > longestAddress) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 127) return false;
    textBytes[i] = code;
  }
  return true;
}

export function parseIpv4(text: string): number {
  return toBytes(text) ? parseIpv4Bytes(textBytes, 0, text.length) : -1;
}

/** Parses either family; IPv4-mapped IPv6 becomes family 4 so both families share one table. */
export function parseIp(text: string): ParsedIp | undefined {
  if (!toBytes(text)) return undefined;
  if (text.indexOf(':') < 0) {
    const value = parseIpv4Bytes(textBytes, 0, text.length);
    return value < 0 ? undefined : { family: 4, value };
  }
  const words = new Uint32Array(4);
  if (!parseIpv6Bytes(textBytes, 0, text.length, words, 0)) return undefined;
  if (words[0] === 0 && words[1] === 0 && words[2] === 0xffff) {
    return { family: 4, value: words[3]! };
  }
  return { family: 6, words };
}

export function formatIpv4(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

/** All eight groups, uncompressed: unambiguous for the MMDB reader, which parses loosely. */
export function formatIpv6Full(words: Uint32Array): string {
  const parts: string[] = [];
  for (let word = 0; word < 4; word++) {
    const value = words[word]!;
    parts.push((value >>> 16).toString(16), (value & 0xffff).toString(16));
  }
  return parts.join(':');
}
