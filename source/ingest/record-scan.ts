import { randomInt } from 'node:crypto';
import { RECORD_SCAN_WASM } from './record-scan-wasm.js';

/** The members the record scanner reads, numbered as wasm/record-scan.ts numbers them. */
export const Slot = {
  eventTime: 0,
  eventName: 1,
  eventSource: 2,
  awsRegion: 3,
  recipientAccountId: 4,
  sourceIPAddress: 5,
  userAgent: 6,
  errorCode: 7,
  errorMessage: 8,
  eventID: 9,
  userIdentity: 10,
  requestParameters: 11,
  responseElements: 12,
  resources: 13,
  additionalEventData: 14,
  insightDetails: 15,
  // Inside userIdentity.
  identityType: 16,
  identityArn: 17,
  identityUserName: 18,
  principalId: 19,
  identityAccountId: 20,
  accessKeyId: 21,
  invokedBy: 22,
  sessionContext: 23,
  onBehalfOf: 24,
  sessionIssuer: 25,
  /** sessionContext.sessionIssuer.userName */
  issuerUserName: 26,
  /** onBehalfOf.userId */
  onBehalfOfUserId: 27,
  /** requestParameters: bucketName, key, then NAMED_PARAMETERS in their order. */
  firstParameter: 28,
} as const;
export const SLOTS = 45;
const SLOT_FIELDS = 6;

/** What JSON value a member holds. */
export const Kind = {
  absent: 0,
  null: 1,
  string: 2,
  escapedString: 3,
  scalar: 4,
  object: 5,
  array: 6,
} as const;

export const Scan = { declined: 0, read: 1, invalid: 2 } as const;
export type ScanResult = (typeof Scan)[keyof typeof Scan];

/** The little of the WebAssembly API used here (the project's lib settings do not declare it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface Exports {
  memory: WasmMemory;
  setUp(seed: number): void;
  inputBuffer(size: number): number;
  scanRecord(start: number, end: number): number;
  results(): number;
}

// Compiled once per thread; each scanner gets its own instance (its own memory and tables).
let compiled: object | undefined;

/**
 * One parse thread's record scanner: a file's bytes are copied in once, then each record is
 * scanned by its offsets. After a `read` result, the accessors describe that record until the
 * next scan. Interned ids are the scanner's own (1 and up; 0 is the empty value), stable for
 * its life: the caller maps them to its dictionaries' ids once per distinct value.
 */
export class RecordScanner {
  private readonly exports: Exports;
  private results = 0;
  private memoryBuffer = new ArrayBuffer(0);
  private ints = new Int32Array(0);
  private doubles = new Float64Array(0);

  constructor() {
    compiled ??= new wasm.Module(Buffer.from(RECORD_SCAN_WASM, 'base64'));
    const instance = new wasm.Instance(compiled, {
      env: {
        abort: () => {
          throw new Error('record scanner aborted');
        },
      },
    });
    this.exports = instance.exports as unknown as Exports;
    // A seed per scanner: crafted values cannot be made to collide in its tables in advance.
    this.exports.setUp(randomInt(2 ** 32 - 1));
    this.results = this.exports.results();
    this.refresh();
  }

  /** Makes `bytes` the input that record offsets refer to. */
  load(bytes: Uint8Array): void {
    const at = this.exports.inputBuffer(bytes.length);
    this.refresh();
    new Uint8Array(this.exports.memory.buffer, at, bytes.length).set(bytes);
  }

  scan(start: number, end: number): ScanResult {
    const result = this.exports.scanRecord(start, end) as ScanResult;
    // Interning may have grown the memory, which replaces its buffer.
    if (this.exports.memory.buffer !== this.memoryBuffer) this.refresh();
    return result;
  }

  kind(slot: number): number {
    return this.ints[(this.results >> 2) + slot * SLOT_FIELDS]!;
  }

  /** Where the member's value lies in the input; a string's contents, without its quotes. */
  start(slot: number): number {
    return this.ints[(this.results >> 2) + slot * SLOT_FIELDS + 1]!;
  }

  end(slot: number): number {
    return this.ints[(this.results >> 2) + slot * SLOT_FIELDS + 2]!;
  }

  /** An interned slot's id for its value (0 when it is not a non-empty string); ids start at 1. */
  id(slot: number): number {
    return this.ints[(this.results >> 2) + slot * SLOT_FIELDS + 3]!;
  }

  /** Whether `id(slot)` was new with this record. */
  isNew(slot: number): boolean {
    return this.ints[(this.results >> 2) + slot * SLOT_FIELDS + 4] === 1;
  }

  /** The member's position among its object's members. */
  position(slot: number): number {
    return this.ints[(this.results >> 2) + slot * SLOT_FIELDS + 5]!;
  }

  /** eventTime as epoch ms. */
  get time(): number {
    return this.doubles[(this.results + SLOTS * SLOT_FIELDS * 4) >> 3]!;
  }

  /** The dedupe key's state after its first three parts: eventID, eventTime, eventName. */
  keyState(): [number, number] {
    const at = (this.results + SLOTS * SLOT_FIELDS * 4 + 8) >> 2;
    return [this.ints[at]! | 0, this.ints[at + 1]! | 0];
  }

  private refresh(): void {
    this.memoryBuffer = this.exports.memory.buffer;
    this.ints = new Int32Array(this.memoryBuffer);
    this.doubles = new Float64Array(this.memoryBuffer);
  }
}
