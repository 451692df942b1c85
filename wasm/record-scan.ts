// AssemblyScript, compiled to WebAssembly by wasm/build.mjs (`npm run build:wasm`) into
// source/ingest/record-scan-wasm.ts.
//
// Checks that one CloudTrail record is valid JSON, exactly as strictly as JSON.parse, and in the
// same pass records where the members the index reads lie: at the top level, in userIdentity
// and in requestParameters. So the parse threads read the few fields the index keeps without
// building the record as objects. The fields stored as they are get interned here, by their raw
// bytes: a value seen before costs a hash and a compare, no string. Whatever this does not read
// exactly as JSON.parse would (an escaped key, a repeated request parameter, an eventTime not in
// CloudTrail's shape, nesting past MAX_DEPTH) is declined, and the caller parses the record the
// ordinary way. test/ingest/scanned-records.test.ts holds the two ways to the same result.

import { canonicalTime } from './event-time';
import { intern, internedFresh, setSeed, setUpTable } from './intern';
import {
  KIND_ABSENT,
  KIND_ESCAPED_STRING,
  KIND_NULL,
  KIND_OBJECT,
  KIND_STRING,
  lastKind,
  lastStringEscaped,
  MAX_DEPTH,
  scanString,
  scanValue,
  skipSpace,
} from './json';

// ---- results, read by the caller through `results()` ----------------------------------------

// The members read, by slot; source/ingest/record-scan.ts numbers them the same way.
// Top level (0-15), then inside userIdentity (16-24), sessionContext.sessionIssuer (25) and its
// userName (26), onBehalfOf.userId (27), and inside requestParameters (28-44).
const KEYS: string[] = [
  'eventTime',
  'eventName',
  'eventSource',
  'awsRegion',
  'recipientAccountId',
  'sourceIPAddress',
  'userAgent',
  'errorCode',
  'errorMessage',
  'eventID',
  'userIdentity',
  'requestParameters',
  'responseElements',
  'resources',
  'additionalEventData',
  'insightDetails',
  // userIdentity
  'type',
  'arn',
  'userName',
  'principalId',
  'accountId',
  'accessKeyId',
  'invokedBy',
  'sessionContext',
  'onBehalfOf',
  // sessionContext, sessionIssuer
  'sessionIssuer',
  'userName',
  // onBehalfOf
  'userId',
  // requestParameters: the bucket and object, then NAMED_PARAMETERS of source/trail/normalize.ts
  // in its order (test/ingest/record-scan-build.test.ts holds the two lists together)
  'bucketName',
  'key',
  'userName',
  'roleName',
  'groupName',
  'policyArn',
  'policyName',
  'functionName',
  'layerName',
  'instanceProfileName',
  'trailName',
  'secretId',
  'snapshotId',
  'imageId',
  'detectorId',
  'keyId',
  'name',
];
const SLOTS: i32 = 45;
// The key sets: first slot and count.
const TOP: i32 = 0;
const TOP_COUNT: i32 = 16;
const IDENTITY: i32 = 16;
const IDENTITY_COUNT: i32 = 9;
const SESSION_CONTEXT: i32 = 25;
const SESSION_ISSUER: i32 = 26;
const ON_BEHALF_OF: i32 = 27;
const PARAMETERS: i32 = 28;
const PARAMETERS_COUNT: i32 = 17;

const USER_IDENTITY_SLOT: i32 = 10;
const REQUEST_PARAMETERS_SLOT: i32 = 11;
const INSIGHT_SLOT: i32 = 15;
const SESSION_CONTEXT_SLOT: i32 = 23;
const ON_BEHALF_OF_SLOT: i32 = 24;
const SESSION_ISSUER_SLOT: i32 = 25;

/**
 * Whether a slot's string values are interned: the fields the index keeps as they are. The
 * others are read from their bytes when a field is derived from them.
 */
function isInterned(slot: i32): bool {
  // The top-level fields, the identity's type, ARN, user name and key, the session issuer's name
  // and the bucket: few distinct values each, or the ARN, on which the caller caches the
  // principal's name.
  return (
    (slot >= 1 && slot <= 7) || (slot >= 16 && slot <= 18) || slot == 21 || slot == 26 || slot == 28
  );
}

// Per slot: kind, start, end (a string's contents, without quotes), id, new, position.
const SLOT_FIELDS: i32 = 6;
const RESULTS: usize = memory.data(SLOTS * SLOT_FIELDS * 4 + 32);
// After the slots: the event time (f64, ms) and the dedupe hash state (two u32).
const TIME_AT: usize = RESULTS + <usize>(SLOTS * SLOT_FIELDS * 4);
const HASH_AT: usize = TIME_AT + 8;

export function results(): usize {
  return RESULTS;
}

// Per key: its bytes' offset in keyBytes, its length, and its first byte.
let keyBytes: usize = 0;
const keyTable: usize = memory.data(SLOTS * 12);
// Per key set, in KEY_SETS order: 256 entries of slot + 1 (0 empty), open addressing by keyHash.
const KEY_SETS: i32[] = [TOP, IDENTITY, SESSION_CONTEXT, SESSION_ISSUER, ON_BEHALF_OF, PARAMETERS];
const lookups: usize = memory.data(6 * 256);

function keyHash(length: i32, first: i32, last: i32): i32 {
  return (length * 31 + first * 7 + last * 3) & 255;
}

/** The lookup table of the key set starting at slot `first`. */
function lookupFor(first: i32): usize {
  for (let i = 0; i < KEY_SETS.length; i++)
    if (KEY_SETS[i] == first) return lookups + <usize>i * 256;
  unreachable();
  return 0;
}

function setUpKeys(): void {
  let total = 0;
  for (let s = 0; s < SLOTS; s++) total += KEYS[s].length;
  keyBytes = heap.alloc(<usize>total);
  let at = 0;
  for (let s = 0; s < SLOTS; s++) {
    const key = KEYS[s];
    store<i32>(keyTable + <usize>s * 12, at);
    store<i32>(keyTable + <usize>s * 12 + 4, key.length);
    store<i32>(keyTable + <usize>s * 12 + 8, key.charCodeAt(0));
    for (let i = 0; i < key.length; i++)
      store<u8>(keyBytes + <usize>(at + i), <u8>key.charCodeAt(i));
    at += key.length;
  }
}

function setUpLookup(first: i32, count: i32): void {
  const table = lookupFor(first);
  for (let s = first; s < first + count; s++) {
    const key = KEYS[s];
    let h = keyHash(key.length, key.charCodeAt(0), key.charCodeAt(key.length - 1));
    while (load<u8>(table + <usize>h) != 0) h = (h + 1) & 255;
    store<u8>(table + <usize>h, <u8>(s + 1));
  }
}

/** The slot of the key whose bytes are [start, end) in the key set of `table`, or -1. */
function slotOf(start: usize, end: usize, table: usize): i32 {
  const length = <i32>(end - start);
  if (length == 0) return -1;
  const firstByte = <i32>load<u8>(start);
  let h = keyHash(length, firstByte, <i32>load<u8>(end - 1));
  while (true) {
    const entry = <i32>load<u8>(table + <usize>h);
    if (entry == 0) return -1;
    const s = entry - 1;
    const key = keyTable + <usize>s * 12;
    if (
      load<i32>(key + 4) == length &&
      load<i32>(key + 8) == firstByte &&
      memory.compare(start, keyBytes + <usize>load<i32>(key), length) == 0
    )
      return s;
    h = (h + 1) & 255;
  }
}

export function setUp(randomSeed: u32): void {
  setSeed(randomSeed);
  setUpKeys();
  setUpLookup(TOP, TOP_COUNT);
  setUpLookup(IDENTITY, IDENTITY_COUNT);
  setUpLookup(SESSION_CONTEXT, 1);
  setUpLookup(SESSION_ISSUER, 1);
  setUpLookup(ON_BEHALF_OF, 1);
  setUpLookup(PARAMETERS, PARAMETERS_COUNT);
  for (let t = 0; t < SLOTS; t++) if (isInterned(t)) setUpTable(t);
}

// ---- the input buffer -----------------------------------------------------------------------------

let input: usize = 0;
let inputCapacity: usize = 0;

/** Where to write `size` bytes of input (a file), valid until the next call. */
export function inputBuffer(size: usize): usize {
  if (size > inputCapacity) {
    // The stub runtime frees only the last allocation; an input outgrown is left behind.
    inputCapacity = size > inputCapacity * 2 ? size : inputCapacity * 2;
    input = heap.alloc(inputCapacity);
  }
  return input;
}

// ---- one record ---------------------------------------------------------------------------------

const DECLINED: i32 = 0;
const READ: i32 = 1;
const INVALID: i32 = 2;

function slotField(s: i32, field: i32): usize {
  return RESULTS + <usize>((s * SLOT_FIELDS + field) * 4);
}

function slotKind(s: i32): i32 {
  return load<i32>(slotField(s, 0));
}

function slotStart(s: i32): usize {
  return input + <usize>load<i32>(slotField(s, 1));
}

function slotEnd(s: i32): usize {
  return input + <usize>load<i32>(slotField(s, 2));
}

/** Set by scanMembers: a key was escaped, or a key of the set came twice where that matters. */
let declined: bool = false;

/**
 * Past the object at p (its opening brace), recording the members whose keys are in the key
 * set starting at slot `first` (a nested member of a set is read in the same pass with its own
 * set), or 0 when it is not valid JSON. A key JSON.parse would read
 * differently from its bytes (an escape) declines the record; so does a repeated key when
 * `once` (its position would then be the first one's, its value the last one's).
 */
function scanMembers(p: usize, end: usize, first: i32, once: bool, depth: i32): usize {
  const table = lookupFor(first);
  let position = 0;
  p = skipSpace(p + 1, end);
  if (p < end && load<u8>(p) == 0x7d) return p + 1;
  while (true) {
    if (p >= end || load<u8>(p) != 0x22) return 0;
    const keyStart = p + 1;
    p = scanString(p, end);
    if (p == 0) return 0;
    const escapedKey = lastStringEscaped();
    if (escapedKey) declined = true;
    const slot = escapedKey ? -1 : slotOf(keyStart, p - 1, table);
    p = skipSpace(p, end);
    if (p >= end || load<u8>(p) != 0x3a) return 0;
    const valueStart = skipSpace(p + 1, end);
    const nested = slot >= 0 ? nestedSet(slot) : -1;
    let kind = KIND_OBJECT;
    if (nested >= 0 && valueStart < end && load<u8>(valueStart) == 0x7b) {
      // An object whose members are read too: recorded in the same pass that checks it.
      if (depth + 1 > MAX_DEPTH) return 0;
      p = scanMembers(valueStart, end, nested, nested == PARAMETERS, depth + 1);
    } else {
      p = scanValue(valueStart, end, depth);
      kind = lastKind();
    }
    if (p == 0) return 0;
    if (slot >= 0) {
      if (once && slotKind(slot) != KIND_ABSENT) declined = true;
      // A repeated key: JSON.parse keeps the last value, and so does this.
      const isString = kind == KIND_STRING || kind == KIND_ESCAPED_STRING;
      store<i32>(slotField(slot, 0), kind);
      store<i32>(slotField(slot, 1), <i32>((isString ? valueStart + 1 : valueStart) - input));
      store<i32>(slotField(slot, 2), <i32>((isString ? p - 1 : p) - input));
      store<i32>(slotField(slot, 5), position);
    }
    position++;
    p = skipSpace(p, end);
    if (p >= end) return 0;
    const c = load<u8>(p);
    if (c == 0x7d) return p + 1;
    if (c != 0x2c) return 0;
    p = skipSpace(p + 1, end);
  }
}

/** The key set of the members read inside the object in `slot`, or -1. */
function nestedSet(slot: i32): i32 {
  if (slot == USER_IDENTITY_SLOT) return IDENTITY;
  if (slot == SESSION_CONTEXT_SLOT) return SESSION_CONTEXT;
  if (slot == SESSION_ISSUER_SLOT) return SESSION_ISSUER;
  if (slot == ON_BEHALF_OF_SLOT) return ON_BEHALF_OF;
  if (slot == REQUEST_PARAMETERS_SLOT) return PARAMETERS;
  return -1;
}

/**
 * Scans the record at [start, end) of the input (offsets into the buffer `inputBuffer` gave).
 * Answers READ (results are filled in), INVALID (not valid JSON: the caller's JSON.parse will
 * say why) or DECLINED (valid, but read it the ordinary way).
 */
export function scanRecord(startOffset: usize, endOffset: usize): i32 {
  const end = input + endOffset;
  for (let s = 0; s < SLOTS; s++) store<i32>(slotField(s, 0), KIND_ABSENT);
  declined = false;
  let p = skipSpace(input + startOffset, end);
  if (p >= end || load<u8>(p) != 0x7b) return DECLINED;
  p = scanMembers(p, end, TOP, false, 1);
  if (p == 0) return INVALID;
  if (skipSpace(p, end) != end) return INVALID;
  if (declined) return DECLINED;
  return readFields();
}

/** Interns the interned slots, reads the time and starts the dedupe hash; or declines. */
function readFields(): i32 {
  // The time must be CloudTrail's own shape; anything else is read the ordinary way.
  if (slotKind(0) != KIND_STRING) return DECLINED;
  const time = canonicalTime(slotStart(0), slotEnd(0));
  if (isNaN(time)) return DECLINED;
  store<f64>(TIME_AT, time);
  // Insight events take their name from elsewhere.
  if (slotKind(INSIGHT_SLOT) != KIND_ABSENT && slotKind(INSIGHT_SLOT) != KIND_NULL) return DECLINED;
  for (let s = 0; s < SLOTS; s++) {
    if (!isInterned(s)) continue;
    const k = slotKind(s);
    let id: u32 = 0;
    let isNew = false;
    if (k == KIND_STRING || k == KIND_ESCAPED_STRING) {
      id = intern(s, slotStart(s), slotEnd(s));
      isNew = internedFresh();
    }
    store<u32>(slotField(s, 3), id);
    store<i32>(slotField(s, 4), isNew ? 1 : 0);
  }
  return startDedupeHash();
}

/**
 * The dedupe key's first three parts (eventID, eventTime, eventName) hashed as the parse
 * threads' hashKey does over UTF-16 code units: plain ASCII only, where a byte is a code unit.
 */
function startDedupeHash(): i32 {
  const idKind = slotKind(9);
  if (idKind == KIND_ESCAPED_STRING) return DECLINED;
  // The name is part of the key as String(eventName): only a plain string is read here.
  if (slotKind(1) != KIND_STRING) return DECLINED;
  let h1: u32 = 0xdeadbeef;
  let h2: u32 = 0x41c6ce57;
  if (idKind == KIND_STRING && slotEnd(9) > slotStart(9)) {
    for (let s = 0; s < 3; s++) {
      const slot = s == 0 ? 9 : s == 1 ? 0 : 1;
      const start = slotStart(slot);
      const stop = slotEnd(slot);
      for (let p = start; p < stop; p++) {
        const c = <u32>load<u8>(p);
        if (c >= 0x80) return DECLINED;
        h1 = (h1 ^ c) * 2654435761;
        h2 = (h2 ^ c) * 1597334677;
      }
      h1 = (h1 ^ 0x1f) * 2654435761;
      h2 = (h2 ^ 0x1f) * 1597334677;
    }
    store<u32>(HASH_AT, h1);
    store<u32>(HASH_AT + 4, h2);
  } else {
    // No eventID: no dedupe key.
    store<u32>(HASH_AT, 0);
    store<u32>(HASH_AT + 4, 0);
  }
  return READ;
}
