/**
 * Turns a term's value into a predicate on one column value. The index runs it once per distinct
 * dictionary value (up to ~1M), so the common shapes avoid regexes and allocation, and user text
 * is never compiled into a RegExp.
 */
import { RESOURCE_SEPARATOR } from '../event.js';
import type { Term } from './ast.js';

/**
 * The predicate for one term, ignoring `negate` (the evaluator negates after combining the
 * term's columns). An absent value ('') never matches, so `error:*` means "has an error" and
 * `-error:*` "has none". Field terms match a whole value, `ip:` also takes a CIDR; words match a
 * substring. Both see the multi-valued `resources` column one resource at a time.
 */
export function compileMatcher(
  term: Exclude<Term, { kind: 'time' }>,
  options: { valuesLowercased?: boolean } = {},
): (value: string) => boolean {
  const cidr = term.kind === 'field' && term.field === 'ip' ? cidrMatcher(term.pattern) : undefined;
  if (cidr) return cidr;
  const glob = globMatcher(term.pattern.toLowerCase(), term.kind === 'field');
  // The index keeps a lowercased copy of each dictionary, so it can skip lowercasing per call.
  const lowered = options.valuesLowercased === true;
  if (term.kind === 'field' && term.field !== 'resource') {
    return lowered
      ? (value) => value !== '' && glob(value)
      : (value) => value !== '' && glob(value.toLowerCase());
  }
  // A resource is named by its ARN or path, but an analyst types its name: `resource:` also
  // takes the last path segment (`Threat Intelligence.docx`, `KeyHunter`) as a whole value.
  const test =
    term.kind === 'field' ? (part: string) => glob(part) || glob(lastSegment(part)) : glob;
  // Words run over `resources` too, where a `*` must not join the end of one resource to the
  // start of the next; other columns hold no separator, so they take the fast path.
  return (value) => {
    if (value === '') return false;
    const lower = lowered ? value : value.toLowerCase();
    if (!lower.includes(RESOURCE_SEPARATOR)) return test(lower);
    return lower.split(RESOURCE_SEPARATOR).some((part) => part !== '' && test(part));
  };
}

function lastSegment(resource: string): string {
  return resource.slice(resource.lastIndexOf('/') + 1);
}

/**
 * A `*` glob over text already lowercased, as `pattern` is. `whole` anchors it at both ends;
 * otherwise it may match anywhere. With `*` the only wildcard, taking each literal piece at its
 * leftmost possible place finds a match whenever there is one, so `indexOf` is enough.
 */
export function globMatcher(pattern: string, whole: boolean): (text: string) => boolean {
  const pieces = (whole ? pattern : `*${pattern}*`).split('*');
  if (pieces.length === 1) return (text) => text === pattern;
  const prefix = pieces[0]!;
  const suffix = pieces[pieces.length - 1]!;
  const middle = pieces.slice(1, -1).filter((piece) => piece !== '');
  const ends = prefix.length + suffix.length;
  if (middle.length === 0) {
    return (text) => text.length >= ends && text.startsWith(prefix) && text.endsWith(suffix);
  }
  if (middle.length === 1 && ends === 0) {
    const piece = middle[0]!;
    return (text) => text.includes(piece);
  }
  return (text) => {
    if (text.length < ends || !text.startsWith(prefix) || !text.endsWith(suffix)) return false;
    const limit = text.length - suffix.length;
    let at = prefix.length;
    for (const piece of middle) {
      const found = text.indexOf(piece, at);
      if (found < 0 || found + piece.length > limit) return false;
      at = found + piece.length;
    }
    return true;
  };
}

/**
 * A predicate for an IPv4 or IPv6 `address/bits` range, or undefined when `pattern` is not one.
 * A value that is not an address of the same family (`AWS Internal`, a service name) never
 * matches.
 */
export function cidrMatcher(pattern: string): ((value: string) => boolean) | undefined {
  const slash = pattern.indexOf('/');
  const bitsText = pattern.slice(slash + 1);
  if (slash < 0 || !/^\d{1,3}$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  const address = pattern.slice(0, slash);
  const v4 = parseIpv4(address);
  if (v4 !== undefined) {
    if (bits > 32) return undefined;
    // Division rather than bit masks: JS bit operators are signed 32-bit.
    const size = 2 ** (32 - bits);
    const network = Math.floor(v4 / size);
    return (value) => {
      const ip = parseIpv4(value);
      return ip !== undefined && Math.floor(ip / size) === network;
    };
  }
  const v6 = parseIpv6(address);
  if (!v6 || bits > 128) return undefined;
  return (value) => {
    const ip = value.includes(':') ? parseIpv6(value) : undefined;
    return ip !== undefined && samePrefix(ip, v6, bits);
  };
}

/** Whether two IPv6 addresses (as eight 16-bit groups) share their first `bits` bits. */
function samePrefix(a: number[], b: number[], bits: number): boolean {
  for (let group = 0; bits > 0; group++, bits -= 16) {
    const shift = Math.max(0, 16 - bits);
    if (a[group]! >> shift !== b[group]! >> shift) return false;
  }
  return true;
}

/** A dotted-quad IPv4 address as an unsigned number, or undefined; hand-rolled for speed. */
function parseIpv4(text: string): number | undefined {
  let address = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 46 /* . */) {
      if (digits === 0 || ++dots > 3) return undefined;
      address = address * 256 + octet;
      octet = 0;
      digits = 0;
    } else if (code >= 48 && code <= 57) {
      octet = octet * 10 + code - 48;
      if (++digits > 3 || octet > 255) return undefined;
    } else {
      return undefined;
    }
  }
  return dots === 3 && digits > 0 ? address * 256 + octet : undefined;
}

/** An IPv6 address as eight 16-bit groups, or undefined; `::` and an IPv4 tail are allowed. */
function parseIpv6(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const compressed = halves.length === 2;
  const head = ipv6Groups(halves[0]!, !compressed);
  const tail = compressed ? ipv6Groups(halves[1]!, true) : [];
  if (!head || !tail) return undefined;
  if (!compressed) return head.length === 8 ? head : undefined;
  const gap = 8 - head.length - tail.length;
  return gap >= 1 ? [...head, ...new Array<number>(gap).fill(0), ...tail] : undefined;
}

const HEX_GROUP = /^[0-9a-f]{1,4}$/i;

function ipv6Groups(text: string, mayEndInIpv4: boolean): number[] | undefined {
  if (text === '') return [];
  const pieces = text.split(':');
  const groups: number[] = [];
  for (const [index, piece] of pieces.entries()) {
    if (mayEndInIpv4 && index === pieces.length - 1 && piece.includes('.')) {
      const v4 = parseIpv4(piece);
      if (v4 === undefined) return undefined;
      groups.push(Math.floor(v4 / 65536), v4 % 65536);
    } else if (HEX_GROUP.test(piece)) {
      groups.push(parseInt(piece, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}
