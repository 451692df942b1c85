/**
 * The `cidr` modifier: IPv4 and IPv6 ranges. Addresses are compared as bytes; an IPv4-mapped
 * IPv6 address (`::ffff:10.1.2.3`) is treated as the IPv4 address it carries.
 */

export interface CidrRange {
  bytes: Uint8Array;
  prefix: number;
}

/**
 * Dotted IPv4. Leading zeros are read as decimal: the shared fixtures anonymise addresses as
 * `253.252.51.07`, and no CloudTrail producer writes octal.
 */
function parseIpv4(text: string): Uint8Array | undefined {
  const pieces = text.split('.');
  if (pieces.length !== 4) return undefined;
  const bytes = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const piece = pieces[i]!;
    if (!/^\d{1,3}$/.test(piece)) return undefined;
    const n = Number(piece);
    if (n > 255) return undefined;
    bytes[i] = n;
  }
  return bytes;
}

function parseIpv6(text: string): Uint8Array | undefined {
  const zone = text.indexOf('%');
  const address = zone === -1 ? text : text.slice(0, zone);
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (half: string): number[] | undefined => {
    if (half === '') return [];
    const words: number[] = [];
    const pieces = half.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i]!;
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIpv4(piece);
        if (v4 === undefined) return undefined;
        words.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(piece)) return undefined;
      words.push(parseInt(piece, 16));
    }
    return words;
  };
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const words = [...head, ...new Array<number>(missing).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  words.forEach((word, i) => {
    bytes[2 * i] = word >> 8;
    bytes[2 * i + 1] = word & 0xff;
  });
  return bytes;
}

function isIpv4Mapped(bytes: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return false;
  return bytes[10] === 0xff && bytes[11] === 0xff;
}

/** 4 bytes for IPv4 (mapped or not), 16 for IPv6, undefined for anything else. */
export function parseIp(text: string): Uint8Array | undefined {
  const trimmed = text.trim();
  if (trimmed.includes(':')) {
    const bytes = parseIpv6(trimmed);
    if (bytes !== undefined && isIpv4Mapped(bytes)) return bytes.slice(12);
    return bytes;
  }
  return parseIpv4(trimmed);
}

export function parseCidr(text: string): CidrRange | undefined {
  const slash = text.indexOf('/');
  const address = (slash === -1 ? text : text.slice(0, slash)).trim();
  const bytes = address.includes(':') ? parseIpv6(address) : parseIpv4(address);
  if (bytes === undefined) return undefined;
  const bits = bytes.length * 8;
  let prefix = bits;
  if (slash !== -1) {
    const prefixText = text.slice(slash + 1).trim();
    if (!/^\d{1,3}$/.test(prefixText)) return undefined;
    prefix = Number(prefixText);
    if (prefix > bits) return undefined;
  }
  // Log addresses that are IPv4-mapped are compared as IPv4, so a mapped range must be too.
  if (bytes.length === 16 && isIpv4Mapped(bytes) && prefix >= 96) {
    return { bytes: bytes.slice(12), prefix: prefix - 96 };
  }
  return { bytes, prefix };
}

export function ipInRange(ip: Uint8Array, range: CidrRange): boolean {
  if (ip.length !== range.bytes.length) return false;
  const whole = range.prefix >> 3;
  for (let i = 0; i < whole; i++) if (ip[i] !== range.bytes[i]) return false;
  const rest = range.prefix & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (ip[whole]! & mask) === (range.bytes[whole]! & mask);
}
