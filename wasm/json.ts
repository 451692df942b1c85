// The JSON grammar, checked as strictly as JSON.parse checks it (part of wasm/record-scan.ts).

export const KIND_ABSENT: i32 = 0;
export const KIND_NULL: i32 = 1;
export const KIND_STRING: i32 = 2;
export const KIND_ESCAPED_STRING: i32 = 3;
export const KIND_SCALAR: i32 = 4;
export const KIND_OBJECT: i32 = 5;
export const KIND_ARRAY: i32 = 6;

export const MAX_DEPTH: i32 = 64;

function isSpace(c: u32): bool {
  return c == 0x20 || c == 0x0a || c == 0x0d || c == 0x09;
}

export function skipSpace(p: usize, end: usize): usize {
  while (p < end && isSpace(<u32>load<u8>(p))) p++;
  return p;
}

function isHex(c: u32): bool {
  return c - 0x30 < 10 || (c | 0x20) - 0x61 < 6;
}

/** Set by scanString: the string held a backslash escape. */
let escaped: bool = false;

/** Past the string whose opening quote is at p, or 0 when it is not a valid JSON string. */
export function scanString(p: usize, end: usize): usize {
  escaped = false;
  p++;
  while (true) {
    // Sixteen bytes at a time to the next quote, backslash or control character.
    while (p + 16 <= end) {
      const v = v128.load(p);
      const stops = v128.or(
        v128.or(i8x16.eq(v, i8x16.splat(0x22)), i8x16.eq(v, i8x16.splat(0x5c))),
        i8x16.lt_u(v, i8x16.splat(0x20)),
      );
      const mask = i8x16.bitmask(stops);
      if (mask != 0) {
        p += <usize>ctz<u32>(mask);
        break;
      }
      p += 16;
    }
    if (p >= end) return 0;
    const c = <u32>load<u8>(p);
    if (c == 0x22) return p + 1;
    if (c == 0x5c) {
      escaped = true;
      if (p + 1 >= end) return 0;
      const e = <u32>load<u8>(p + 1);
      if (e == 0x75) {
        if (p + 6 > end) return 0;
        if (!isHex(load<u8>(p + 2)) || !isHex(load<u8>(p + 3))) return 0;
        if (!isHex(load<u8>(p + 4)) || !isHex(load<u8>(p + 5))) return 0;
        p += 6;
        continue;
      }
      if (
        e == 0x22 ||
        e == 0x5c ||
        e == 0x2f ||
        e == 0x62 ||
        e == 0x66 ||
        e == 0x6e ||
        e == 0x72 ||
        e == 0x74
      ) {
        p += 2;
        continue;
      }
      return 0;
    }
    if (c < 0x20) return 0;
    p++;
  }
  return 0;
}

function skipDigits(p: usize, end: usize): usize {
  while (p < end && <u32>load<u8>(p) - 0x30 < 10) p++;
  return p;
}

function scanNumber(p: usize, end: usize): usize {
  if (p < end && load<u8>(p) == 0x2d) p++;
  if (p >= end) return 0;
  const first = <u32>load<u8>(p);
  if (first == 0x30) p++;
  else if (first - 0x31 < 9) p = skipDigits(p + 1, end);
  else return 0;
  if (p < end && load<u8>(p) == 0x2e) {
    const digits = p + 1;
    p = skipDigits(digits, end);
    if (p == digits) return 0;
  }
  if (p < end && ((<u32>load<u8>(p)) | 0x20) == 0x65) {
    p++;
    if (p < end && (load<u8>(p) == 0x2b || load<u8>(p) == 0x2d)) p++;
    const digits = p;
    p = skipDigits(digits, end);
    if (p == digits) return 0;
  }
  return p;
}

function matches(p: usize, end: usize, word: string): bool {
  if (p + <usize>word.length > end) return false;
  for (let i = 0; i < word.length; i++)
    if (<i32>load<u8>(p + <usize>i) != word.charCodeAt(i)) return false;
  return true;
}

/** Past the value starting at p (space already skipped), or 0. Sets `kind`. */
let kind: i32 = 0;
export function scanValue(p: usize, end: usize, depth: i32): usize {
  if (p >= end) return 0;
  const c = <u32>load<u8>(p);
  if (c == 0x22) {
    const after = scanString(p, end);
    kind = escaped ? KIND_ESCAPED_STRING : KIND_STRING;
    return after;
  }
  if (c == 0x7b) {
    // Set after the members are scanned: they set it too.
    const after = scanObject(p, end, depth + 1);
    kind = KIND_OBJECT;
    return after;
  }
  if (c == 0x5b) {
    const after = scanArray(p, end, depth + 1);
    kind = KIND_ARRAY;
    return after;
  }
  if (c == 0x6e) {
    kind = KIND_NULL;
    return matches(p, end, 'null') ? p + 4 : 0;
  }
  kind = KIND_SCALAR;
  if (c == 0x74) return matches(p, end, 'true') ? p + 4 : 0;
  if (c == 0x66) return matches(p, end, 'false') ? p + 5 : 0;
  return scanNumber(p, end);
}

function scanArray(p: usize, end: usize, depth: i32): usize {
  if (depth > MAX_DEPTH) return 0;
  p = skipSpace(p + 1, end);
  if (p < end && load<u8>(p) == 0x5d) return p + 1;
  while (true) {
    p = scanValue(p, end, depth);
    if (p == 0) return 0;
    p = skipSpace(p, end);
    if (p >= end) return 0;
    const c = load<u8>(p);
    if (c == 0x5d) return p + 1;
    if (c != 0x2c) return 0;
    p = skipSpace(p + 1, end);
  }
}

function scanObject(p: usize, end: usize, depth: i32): usize {
  if (depth > MAX_DEPTH) return 0;
  p = skipSpace(p + 1, end);
  if (p < end && load<u8>(p) == 0x7d) return p + 1;
  while (true) {
    if (p >= end || load<u8>(p) != 0x22) return 0;
    p = scanString(p, end);
    if (p == 0) return 0;
    p = skipSpace(p, end);
    if (p >= end || load<u8>(p) != 0x3a) return 0;
    p = scanValue(skipSpace(p + 1, end), end, depth);
    if (p == 0) return 0;
    p = skipSpace(p, end);
    if (p >= end) return 0;
    const c = load<u8>(p);
    if (c == 0x7d) return p + 1;
    if (c != 0x2c) return 0;
    p = skipSpace(p + 1, end);
  }
}

/** Whether the string scanString last passed held a backslash escape. */
export function lastStringEscaped(): bool {
  return escaped;
}

/** The kind of the value scanValue last passed. */
export function lastKind(): i32 {
  return kind;
}
