import { isAscii } from 'node:buffer';
import { mixKeyPart, type BatchBuilder } from '../trail/batch.js';
import { TEXT_FIELDS, type RawRecord, type TextField } from '../trail/event.js';
import { isPlausibleEventTime } from '../trail/event-time.js';
import { bucketOf, errorOf, NAMED_PARAMETERS, resourcesOf } from '../trail/normalize.js';
import { principalOf } from '../trail/principal.js';
import { Kind, RecordScanner, Scan, SLOTS, Slot } from './record-scan.js';
import { PrincipalCache, ScannedIdentity } from './scanned-identity.js';
import { BETWEEN, FIRST_RECORD, recordsEnd } from './split-records.js';

/** requestParameters' members read, in the scanner's slot order. */
const PARAMETER_NAMES = ['bucketName', 'key', ...NAMED_PARAMETERS];

// The builder's columns, by field.
const column = (field: TextField) => TEXT_FIELDS.indexOf(field);
const EVENT_NAME = column('eventName');
const EVENT_SOURCE = column('eventSource');
const REGION = column('region');
const ACCOUNT = column('account');
const SOURCE_IP = column('sourceIp');
const USER_AGENT = column('userAgent');
const PRINCIPAL = column('principal');
const PRINCIPAL_ARN = column('principalArn');
const IDENTITY_TYPE = column('identityType');
const ACCESS_KEY = column('accessKeyId');
const ERROR = column('error');
const RESOURCES = column('resources');
const BUCKET = column('bucket');

const MAX_SCANNED_BYTES = 256 * 1024 * 1024;
const EMPTY = Buffer.alloc(0);

/** Counts of one file read by the scanner. */
export interface ScannedCounts {
  events: number;
  malformed: number;
  /** Records after the first `maxRecords` were left unread. */
  refused?: boolean;
}

/**
 * Reads files in CloudTrail's own shape (`{"Records":[{"eventVersion":...},...]}`, compact)
 * without building each record as objects: the record scanner checks each record is valid JSON
 * and finds its members; the fields kept as ids are interned from their bytes, and only the
 * nested members a field is derived from (the identity, the request) are parsed. A record the
 * scanner declines is parsed whole and handed to `addParsed`, the ordinary way.
 *
 * The file is cut between records as split-records.ts explains; when a piece is not valid JSON
 * (a cut inside a record, or a broken file), everything added for the file is dropped and
 * `read` answers undefined, for the caller to read the file the ordinary way.
 */
export class ScannedFileReader {
  private readonly scanner = new RecordScanner();
  /** Per slot: the scanner's id → the builder's id for the field it fills, -1 when not mapped. */
  private readonly builderIds: Int32Array[] = [];
  /** Per slot: the scanner's id → the value as a string, made once per distinct value. */
  private readonly texts: (string | undefined)[][] = [];
  private bytes: Buffer = EMPTY;
  private encoding: 'latin1' | 'utf8' = 'latin1';

  constructor(
    private readonly builder: BatchBuilder,
    /**
     * Larger files go the ordinary way: the scanner holds a file's bytes in its memory, which
     * only grows, for the thread's life (CloudTrail's own files are a few MB).
     */
    private readonly maxBytes = MAX_SCANNED_BYTES,
  ) {
    for (let slot = 0; slot < SLOTS; slot++) {
      this.builderIds.push(new Int32Array(0));
      this.texts.push(['']);
    }
  }

  read(
    inflated: Uint8Array,
    fileId: number,
    addParsed: (record: unknown, index: number) => boolean,
    /** Records read from the file at most; the rest are refused (`refused` says so). */
    maxRecords = Infinity,
  ): ScannedCounts | undefined {
    const b = Buffer.from(inflated.buffer, inflated.byteOffset, inflated.byteLength);
    if (b.length > this.maxBytes) return undefined;
    const end = recordsEnd(b);
    if (end < 0) return undefined;
    this.bytes = b;
    this.encoding = isAscii(b) ? 'latin1' : 'utf8';
    this.scanner.load(b);
    const firstRow = this.builder.size;
    let counts: ScannedCounts | undefined;
    try {
      counts = this.readRecords(b, end, fileId, addParsed, maxRecords);
    } catch {
      // Not expected (every piece read was checked), but a file must never take the load down:
      // the ordinary way reads it, or says what is wrong with it.
    }
    // The file's bytes are not held while the next file is inflated.
    this.bytes = EMPTY;
    // Not read to the end: what was added for the file goes, and the ordinary way reads it.
    if (!counts) this.builder.rollback(firstRow);
    return counts;
  }

  private readRecords(
    b: Buffer,
    end: number,
    fileId: number,
    addParsed: (record: unknown, index: number) => boolean,
    maxRecords: number,
  ): ScannedCounts | undefined {
    const counts: ScannedCounts = { events: 0, malformed: 0 };
    let start = FIRST_RECORD;
    for (let index = 0; ; index++) {
      // Another record follows the last one allowed.
      if (index >= maxRecords) return { ...counts, refused: true };
      const found = b.indexOf(BETWEEN, start);
      const cut = found < 0 || found >= end ? end : found + 1;
      let result = this.scanner.scan(start, cut);
      // The scanner reads any real whole-second time; one outside the years CloudTrail can have
      // written goes the ordinary way, which names it malformed (see event-time.ts).
      if (result === Scan.read && !isPlausibleEventTime(this.scanner.time)) result = Scan.declined;
      let added = result === Scan.read;
      if (result === Scan.read) this.addScanned(fileId, index);
      else {
        // `invalid` is also the scanner's answer past its nesting bound (64 levels), where
        // JSON.parse, which keeps its own stack, still reads the piece: read it that way rather
        // than give up the whole file for one deep record.
        const record = this.parse(start, cut);
        if (record === undefined) return undefined;
        added = addParsed(record, index);
      }
      if (added) counts.events++;
      else counts.malformed++;
      if (cut === end) return counts;
      start = cut + 1;
    }
  }

  /** The piece parsed, or undefined when it is not valid JSON after all. */
  private parse(start: number, end: number): unknown {
    try {
      return JSON.parse(this.bytes.toString(this.encoding, start, end));
    } catch {
      return undefined;
    }
  }

  private addScanned(fileId: number, index: number): void {
    const scanner = this.scanner;
    const builder = this.builder;
    const row = builder.beginRow(scanner.time, fileId, index);
    builder.setId(EVENT_NAME, row, this.builderId(Slot.eventName, EVENT_NAME));
    builder.setId(EVENT_SOURCE, row, this.builderId(Slot.eventSource, EVENT_SOURCE));
    builder.setId(REGION, row, this.builderId(Slot.awsRegion, REGION));
    builder.setId(SOURCE_IP, row, this.builderId(Slot.sourceIPAddress, SOURCE_IP));
    builder.setId(USER_AGENT, row, this.builderId(Slot.userAgent, USER_AGENT));

    this.setPrincipal(row);
    builder.setId(IDENTITY_TYPE, row, this.builderId(Slot.identityType, IDENTITY_TYPE));
    builder.setId(ACCESS_KEY, row, this.builderId(Slot.accessKeyId, ACCESS_KEY));
    const account = this.builderId(Slot.recipientAccountId, ACCOUNT);
    if (account !== 0) builder.setId(ACCOUNT, row, account);
    else builder.setText(ACCOUNT, row, this.text(Slot.identityAccountId));

    const error = this.builderId(Slot.errorCode, ERROR);
    if (error !== 0 || scanner.kind(Slot.responseElements) !== Kind.object)
      builder.setId(ERROR, row, error);
    else {
      // Only a console sign-in's outcome makes a failure without an errorCode.
      const responseElements = this.member(Slot.responseElements);
      const errorMessage = this.text(Slot.errorMessage);
      builder.setText(ERROR, row, errorOf({ responseElements, errorMessage }));
    }

    const params = this.parameters();
    const resources = this.member(Slot.resources);
    if (params === undefined && resources === undefined) {
      builder.setId(RESOURCES, row, 0);
      builder.setId(BUCKET, row, 0);
    } else {
      const named: RawRecord = { resources };
      builder.setText(RESOURCES, row, resourcesOf(named, params));
      // A named bucket is the bucket (bucketOf reads it first), by its id.
      const bucket = this.builderId(Slot.firstParameter, BUCKET);
      if (bucket !== 0) builder.setId(BUCKET, row, bucket);
      else builder.setText(BUCKET, row, bucketOf(named, params));
    }

    const id = scanner.kind(Slot.eventID);
    if (id === Kind.string && scanner.end(Slot.eventID) > scanner.start(Slot.eventID)) {
      const state = scanner.keyState();
      mixKeyPart(state, this.extraText());
      builder.setKeyHash(row, state);
    }
  }

  /**
   * The principal's name and ARN. The name is derived once per ARN and kept by the ARN's id,
   * with the ids of what it was derived from (type, user name, session issuer): an IAM user's
   * or a role session's name follows from those alone when the ARN ends in a name, and a record
   * that differs in any of them derives it afresh.
   */
  private setPrincipal(row: number): void {
    const scanner = this.scanner;
    const arnId = this.builderId(Slot.identityArn, PRINCIPAL_ARN);
    const arn = scanner.id(Slot.identityArn);
    const type = scanner.id(Slot.identityType);
    const userName = scanner.id(Slot.identityUserName);
    const issuer = scanner.id(Slot.issuerUserName);
    const cache = this.principals;
    if (
      arn !== 0 &&
      arn < cache.name.length &&
      cache.name[arn]! >= 0 &&
      cache.type[arn] === type &&
      cache.userName[arn] === userName &&
      cache.issuer[arn] === issuer
    ) {
      this.builder.setId(PRINCIPAL_ARN, row, arnId);
      this.builder.setId(PRINCIPAL, row, cache.name[arn]!);
      return;
    }
    const principal = principalOf(this.identity());
    const nameId = this.builder.setPrincipal(row, principal.name, arnId);
    const arnText = principal.arn;
    const slash = arnText.lastIndexOf('/');
    const endsInName = slash >= 0 && slash < arnText.length - 1;
    if (
      arn === 0 ||
      !endsInName ||
      (principal.type !== 'IAMUser' && principal.type !== 'AssumedRole')
    )
      return;
    cache.reserve(arn);
    cache.name[arn] = nameId;
    cache.type[arn] = type;
    cache.userName[arn] = userName;
    cache.issuer[arn] = issuer;
  }

  private readonly principals = new PrincipalCache();

  /**
   * The identity as principalOf reads it, made of the members the scanner found; a value that
   * is not a string reads as '', as principalOf reads it too. Its members are read from their
   * bytes only when principalOf asks for them.
   */
  private identity(): object | undefined {
    return this.scanner.kind(Slot.userIdentity) === Kind.object ? this.scannedIdentity : undefined;
  }

  private readonly scannedIdentity = new ScannedIdentity((slot) => this.text(slot), this.scanner);

  /**
   * requestParameters as resourcesOf and bucketOf read it: the members they read, in the
   * request's order (resources are listed in it).
   */
  private parameters(): Record<string, unknown> | undefined {
    const scanner = this.scanner;
    if (scanner.kind(Slot.requestParameters) !== Kind.object) return undefined;
    const present: number[] = [];
    for (let p = 0; p < PARAMETER_NAMES.length; p++)
      if (scanner.kind(Slot.firstParameter + p) !== Kind.absent) present.push(p);
    present.sort(
      (a, b) =>
        scanner.position(Slot.firstParameter + a) - scanner.position(Slot.firstParameter + b),
    );
    const params: Record<string, unknown> = {};
    for (const p of present) params[PARAMETER_NAMES[p]!] = this.text(Slot.firstParameter + p);
    return params;
  }

  /** The dedupe key's last part, as dedupeKey makes it. */
  private extraText(): string {
    const kind = this.scanner.kind(Slot.additionalEventData);
    if (kind === Kind.absent || kind === Kind.null) return '';
    try {
      return JSON.stringify(this.member(Slot.additionalEventData, kind));
    } catch {
      return '';
    }
  }

  /** The builder's id for an interned slot's value, mapped once per distinct value. */
  private builderId(slot: number, field: number): number {
    const scannerId = this.scanner.id(slot);
    if (scannerId === 0) return 0;
    let ids = this.builderIds[slot]!;
    if (scannerId >= ids.length) {
      const grown = new Int32Array(Math.max(scannerId + 1, ids.length * 2, 256)).fill(-1);
      grown.set(ids);
      this.builderIds[slot] = ids = grown;
    }
    let id = ids[scannerId]!;
    if (id < 0) ids[scannerId] = id = this.builder.idOf(field, this.text(slot));
    return id;
  }

  /** A member's string value ('' for any other kind, as asText reads it). */
  private text(slot: number): string {
    const kind = this.scanner.kind(slot);
    if (kind !== Kind.string && kind !== Kind.escapedString) return '';
    const scannerId = this.scanner.id(slot);
    // Members not interned by the scanner are read from their bytes each time.
    if (scannerId === 0) return this.decode(slot);
    const texts = this.texts[slot]!;
    let text = texts[scannerId];
    if (text === undefined) {
      while (texts.length < scannerId) texts.push(undefined);
      texts[scannerId] = text = this.decode(slot);
    }
    return text;
  }

  /** A string member's value from its bytes. */
  private decode(slot: number): string {
    const start = this.scanner.start(slot);
    const end = this.scanner.end(slot);
    if (this.scanner.kind(slot) === Kind.string)
      return this.bytes.toString(this.encoding, start, end);
    return JSON.parse(this.bytes.toString(this.encoding, start - 1, end + 1)) as string;
  }

  /** A member's value parsed, or undefined when it is absent. */
  private member(slot: number, kind = this.scanner.kind(slot)): unknown {
    if (kind === Kind.absent) return undefined;
    const quote = kind === Kind.string || kind === Kind.escapedString ? 1 : 0;
    const start = this.scanner.start(slot) - quote;
    const end = this.scanner.end(slot) + quote;
    return JSON.parse(this.bytes.toString(this.encoding, start, end));
  }
}
