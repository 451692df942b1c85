/**
 * Finds the records of a file fed to it in pieces, without ever holding more of the file than one
 * piece and the record being cut: the way a file too big to read whole (or to turn into one
 * string: V8 stops at 2^29 characters) is loaded, and the way its records are found again.
 *
 * It knows the containers big files come in: `{"Records":[...]}` (CloudTrail's own, one or several
 * documents back to back), a bare array, JSON lines, and records back to back (pretty-printed or
 * not). Each record is reported with its byte range; one longer than `recordBytes` is reported
 * without its bytes, to be counted as malformed. Nothing here parses a record: it only tracks
 * strings and nesting, so the cut is exact for valid JSON, and garbage ends up in records that
 * do not parse.
 *
 * JSON lines are cut at line ends, not by nesting, so one broken line costs that line only (as
 * the whole-file reader treats them). A file is JSON lines when its first record is an object on
 * one line and the next one starts on a later line.
 */
import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COMMA,
  isJsonSpace,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
} from './json-codes.js';

const LINE_FEED = 10;
/** `{ "Records" : [`, whitespace allowed: the head of a document whose records are its array's. */
const RECORDS_HEAD = /^\{\s*"Records"\s*:\s*\[$/;
/** No head longer than this is checked (a document with a long first key is a record). */
const MAX_HEAD = 64;

/** A record found: its byte range in the file, and its bytes unless it is longer than allowed. */
export type OnRecord = (
  index: number,
  start: number,
  end: number,
  bytes: Buffer | undefined,
) => void;

export class RecordSplitter {
  private index = 0;
  /** Where the next piece starts in the file. */
  private offset: number;
  private lines = false;
  /** After a first record on one line: has a line ended since (then the file is JSON lines)? */
  private deciding = false;
  private sawNewline = false;

  private depth = 0;
  private inString = false;
  private escape = false;
  /** Depth at which records are the members of an array: 1 for a bare array, 2 in a document. */
  private container = 0;

  /** The open record's first byte in the file, or -1 between records. */
  private start = -1;
  /** The open record is a scalar (a stray word or string): it ends at a delimiter. */
  private scalar = false;
  /** The open record is a top-level object whose head may yet show it is a Records document. */
  private head = false;
  /** The open record's bytes from earlier pieces (copies: the caller may reuse its buffer). */
  private carry: Buffer[] = [];
  /** The open record outgrew recordBytes: its bytes are no longer kept. */
  private oversized = false;

  constructor(
    private readonly recordBytes: number,
    private readonly onRecord: OnRecord,
    /** Where the first piece starts in the file (past a byte order mark). */
    startAt = 0,
  ) {
    this.offset = startAt;
  }

  /** Records found so far. */
  get count(): number {
    return this.index;
  }

  /** The next piece of the file; its bytes are not kept beyond the call. */
  push(piece: Buffer): void {
    const base = this.offset;
    let p = 0;
    while (p < piece.length) p = this.lines ? this.stepLines(piece, p) : this.stepValues(piece, p);
    this.offset = base + piece.length;
    if (this.start < 0) return;
    // A record open across the piece's end: keep what it has so far, unless it is too long.
    if (this.offset - this.start > this.recordBytes) {
      this.oversized = true;
      this.carry = [];
    } else if (!this.oversized) {
      this.carry.push(Buffer.from(piece.subarray(Math.max(0, this.start - base))));
    }
  }

  /** The end of the file: a last line without a line end is a record; an unclosed value too. */
  end(): void {
    if (this.start < 0) return;
    this.emit(Buffer.alloc(0), 0, this.lines);
  }

  /** JSON lines: a record is a line's non-blank bytes. Returns where to carry on. */
  private stepLines(piece: Buffer, from: number): number {
    let p = from;
    if (this.start < 0) {
      while (p < piece.length && isJsonSpace(piece[p]!)) p++;
      if (p === piece.length) return p;
      this.start = this.offset + p;
    }
    const newline = piece.indexOf(LINE_FEED, p);
    if (newline < 0) return piece.length;
    this.emit(piece, newline, true);
    return newline + 1;
  }

  /** Anything else: records found by nesting. Returns where to carry on. */
  private stepValues(piece: Buffer, from: number): number {
    const base = this.offset;
    for (let p = from; p < piece.length; p++) {
      if (this.inString) {
        if (this.escape) {
          this.escape = false;
          continue;
        }
        // Most bytes are inside strings: the closing quote is searched for natively.
        const quote = piece.indexOf(QUOTE, p);
        const until = quote < 0 ? piece.length : quote;
        let run = 0;
        while (until - run - 1 >= p && piece[until - run - 1] === BACKSLASH) run++;
        if (quote < 0) {
          // The string goes on into the next piece, whose first byte is escaped after an odd run.
          this.escape = run % 2 === 1;
          return piece.length;
        }
        p = quote;
        if (run % 2 === 1) continue;
        this.inString = false;
        if (this.scalar && this.start >= 0) this.emit(piece, p + 1, false);
        continue;
      }
      const c = piece[p]!;
      if (this.start >= 0) {
        if (this.scalar) {
          // A bare word or number ends at whitespace or the next delimiter, which is read again.
          if (isJsonSpace(c) || c === COMMA || c === CLOSE_BRACKET || c === CLOSE_BRACE) {
            this.emit(piece, p, false);
            p--;
          }
          continue;
        }
        if (c === QUOTE) this.inString = true;
        else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
          if (this.head && this.depth === 1 && c === OPEN_BRACKET && this.isRecordsHead(piece, p)) {
            // `{"Records":[`: not a record but a document; its array's members are the records.
            this.start = -1;
            this.carry = [];
            this.oversized = false;
            this.container = 2;
          }
          this.head = false;
          this.depth++;
        } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
          if (--this.depth === this.container) this.emit(piece, p + 1, false);
        }
        continue;
      }
      // Between records.
      if (isJsonSpace(c)) {
        if (c === LINE_FEED) this.sawNewline = true;
        continue;
      }
      if (this.container > 0 && this.depth === this.container) {
        if (c === COMMA) continue;
        if (c === CLOSE_BRACKET) {
          // The array of records closes; what is left of its document is walked, not taken.
          this.container = 0;
          this.depth--;
          continue;
        }
        this.open(c, base + p);
        continue;
      }
      if (this.depth > 0) {
        // The rest of a Records document after its array: other members, not records.
        if (c === QUOTE) this.inString = true;
        else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
        else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) this.depth--;
        continue;
      }
      if (this.deciding) {
        this.deciding = false;
        if (this.sawNewline) {
          this.lines = true;
          return p;
        }
      }
      if (c === OPEN_BRACKET) {
        this.container = 1;
        this.depth = 1;
        continue;
      }
      this.open(c, base + p);
      this.head = c === OPEN_BRACE;
    }
    return piece.length;
  }

  /** A record (or, at the top, what may be a document) opens with byte `c` at `at`. */
  private open(c: number, at: number): void {
    this.start = at;
    if (c === QUOTE) this.inString = true;
    this.oversized = false;
    this.scalar = c !== OPEN_BRACE && c !== OPEN_BRACKET;
    if (!this.scalar) this.depth++;
  }

  /** Does the open top-level object start `{ "Records" : [` (the `[` at `p`)? */
  private isRecordsHead(piece: Buffer, p: number): boolean {
    const end = this.offset + p + 1;
    if (end - this.start > MAX_HEAD || this.oversized) return false;
    const bytes = this.bytesUpTo(piece, p + 1);
    return RECORDS_HEAD.test(bytes.toString('latin1'));
  }

  /** The open record's bytes up to `end` in this piece. */
  private bytesUpTo(piece: Buffer, end: number): Buffer {
    const from = Math.max(0, this.start - this.offset);
    const here = piece.subarray(from, end);
    return this.carry.length === 0 ? here : Buffer.concat([...this.carry, here]);
  }

  /** The open record ends at `end` in this piece; `trim` drops trailing whitespace (lines). */
  private emit(piece: Buffer, end: number, trim: boolean): void {
    const first = this.index === 0;
    let last = this.offset + end;
    let bytes: Buffer | undefined;
    if (!this.oversized && last - this.start <= this.recordBytes) {
      bytes = this.bytesUpTo(piece, end);
      let length = bytes.length;
      if (trim) while (length > 0 && isJsonSpace(bytes[length - 1]!)) length--;
      bytes = bytes.subarray(0, length);
      last = this.start + length;
    }
    const start = this.start;
    this.start = -1;
    this.carry = [];
    this.oversized = false;
    this.scalar = false;
    this.head = false;
    this.onRecord(this.index++, start, last, bytes);
    // A first record that is an object on one line: JSON lines if the next starts on a new line.
    if (first && !this.lines && this.container === 0 && bytes && bytes[0] === OPEN_BRACE) {
      this.deciding = bytes.indexOf(LINE_FEED) < 0;
      this.sawNewline = false;
    }
  }
}
