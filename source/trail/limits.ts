/**
 * Every bound trailhound puts on work it does for someone else's input: one table, so the README's
 * Safety section, `--limit NAME=VALUE` and the code that enforces each bound agree.
 *
 * It lives in trail/ because every core folder may import trail/ and nothing of ours is below it.
 * The values are process-wide: the CLI sets them once from its flags before any work starts, and
 * worker threads receive `limits()` with their job and call `setLimits` with it.
 */

export type LimitUnit = 'bytes' | 'count' | 'ms';

export interface Limits {
  /** A gzip member inflating past this many bytes is a decompression bomb. */
  readonly inflatedMax: number;
  /** …or past its compressed size times this (honest CloudTrail inflates 1.5–35×; bombs ~1000×). */
  readonly inflatedRatio: number;
  /**
   * The ratio never caps a file below this many inflated bytes: a margin for small files. Kept
   * small because a tiny file may always inflate this far, and tiny JSON values cost ~40× their
   * bytes once parsed (64 MiB of `{},` from a 65 KB gzip: 2.8 GB).
   */
  readonly inflatedFloor: number;
  /** Records taken from one file (or stdin) before the rest is refused. */
  readonly recordsPerFile: number;
  /** One record's size in bytes; a bigger one is malformed (counted, named). */
  readonly recordBytes: number;
  /** Files (and stdin) bigger than this are read in pieces, their records re-read by offset. */
  readonly readWhole: number;
  /**
   * Nesting depth of one record's JSON kept where trailhound shows or keeps a copy (the detail
   * pane, pins, the case, reports): deeper values read `{… N levels deeper}`. The jsonl export
   * keeps the record whole (see trail/deep-json.ts).
   */
  readonly depth: number;
  /** Connecting to an AWS endpoint. */
  readonly connectTimeout: number;
  /**
   * One attempt of an AWS request, from sending it to the last byte of its answer (the SDK
   * makes up to 3 attempts, so one call waits at most 3 of these and the back-off).
   */
  readonly requestTimeout: number;
  /** Bytes of one AWS answer (a page of 50 LookupEvents records is at most ~15 MB). */
  readonly responseBytes: number;
  /** Pages one paged read (LookupEvents in one region, one IAM listing) may take. */
  readonly pages: number;
  /** Wall time one paged read may take (per region per run, like `pages`). */
  readonly pagingTime: number;
  /** Time one Sigma rule may spend on the whole trail before it is disabled and reported. */
  readonly ruleTime: number;
  /** One Sigma regex test's worst case: its program size times the value's length. */
  readonly regexSteps: number;
  /** Bytes of Sigma rules read from all --rules folders together. */
  readonly rulesBytes: number;
  /** Sigma rule files read from all --rules folders together. */
  readonly rulesFiles: number;
}

export interface LimitSpec {
  readonly key: keyof Limits;
  /** The name `--limit` takes. */
  readonly name: string;
  readonly unit: LimitUnit;
  readonly fallback: number;
  /** One line for `--help` and the README: what the bound stops. */
  readonly what: string;
}

const KiB = 1024;
const MiB = KiB * 1024;
const GiB = MiB * 1024;

export const LIMIT_SPECS: readonly LimitSpec[] = [
  {
    key: 'inflatedMax',
    name: 'inflated-max',
    unit: 'bytes',
    fallback: 4 * GiB,
    what: 'bytes one .gz file may inflate to',
  },
  {
    key: 'inflatedRatio',
    name: 'inflated-ratio',
    unit: 'count',
    fallback: 200,
    what: 'inflated size as a multiple of the compressed size',
  },
  {
    key: 'inflatedFloor',
    name: 'inflated-floor',
    unit: 'bytes',
    fallback: 8 * MiB,
    what: 'the ratio never caps a file below this',
  },
  {
    key: 'recordsPerFile',
    name: 'records-per-file',
    unit: 'count',
    fallback: 20_000_000,
    what: 'records read from one file or stdin',
  },
  {
    key: 'recordBytes',
    name: 'record-bytes',
    unit: 'bytes',
    fallback: 16 * MiB,
    what: 'size of one record',
  },
  {
    key: 'readWhole',
    name: 'read-whole',
    unit: 'bytes',
    fallback: 256 * MiB,
    what: 'files and stdin bigger than this are read in pieces',
  },
  {
    key: 'depth',
    name: 'depth',
    unit: 'count',
    fallback: 128,
    what: 'nesting depth of one record',
  },
  {
    key: 'connectTimeout',
    name: 'connect-timeout',
    unit: 'ms',
    fallback: 10_000,
    what: 'connecting to an AWS endpoint',
  },
  // A LookupEvents page (50 events, ~100 KB) or an IAM answer comes in well under a second;
  // 30 s allows a slow link, and with the SDK's 3 attempts a dead endpoint is said within ~1.5 min.
  {
    key: 'requestTimeout',
    name: 'request-timeout',
    unit: 'ms',
    fallback: 30_000,
    what: 'one AWS request attempt, to the last byte of its answer',
  },
  // CloudTrail caps a record near 256 KB: 50 of them, escaped in JSON strings, stay under
  // ~15 MB; IAM, STS and Lambda answers are far smaller.
  {
    key: 'responseBytes',
    name: 'response-bytes',
    unit: 'bytes',
    fallback: 64 * MiB,
    what: 'size of one AWS answer',
  },
  // LookupEvents gives 50 events a page at 2 requests a second per region: 20,000 pages are
  // 1M events and ~2 h 47 min. Past that the trail's files (or Athena) are the way to read it.
  {
    key: 'pages',
    name: 'pages',
    unit: 'count',
    fallback: 20_000,
    what: 'pages one paged AWS read may take (per region)',
  },
  {
    key: 'pagingTime',
    name: 'paging-time',
    unit: 'ms',
    // Just above what the page budget takes at the limit: the pages end a normal long read,
    // the clock ends a slow or throttling one.
    fallback: 3 * 3_600_000,
    what: 'wall time one paged AWS read may take (per region)',
  },
  {
    key: 'ruleTime',
    name: 'rule-time',
    unit: 'ms',
    fallback: 10_000,
    what: 'time one Sigma rule may spend on the trail',
  },
  {
    key: 'regexSteps',
    name: 'regex-steps',
    unit: 'count',
    fallback: 25_000_000,
    what: "one Sigma regex test: the pattern's size times the value's length",
  },
  {
    key: 'rulesBytes',
    name: 'rules-bytes',
    unit: 'bytes',
    fallback: 32 * MiB,
    what: 'bytes of Sigma rules read in all',
  },
  {
    key: 'rulesFiles',
    name: 'rules-files',
    unit: 'count',
    fallback: 10_000,
    what: 'Sigma rule files read in all',
  },
];

export const DEFAULT_LIMITS: Limits = Object.freeze(
  Object.fromEntries(LIMIT_SPECS.map((spec) => [spec.key, spec.fallback])) as unknown as Limits,
);

let current: Limits = DEFAULT_LIMITS;

/** The bounds in force in this process (or thread). */
export function limits(): Limits {
  return current;
}

/** Replaces the bounds in force; keys left out fall back to the defaults. */
export function setLimits(changes: Partial<Limits>): Limits {
  current = Object.freeze({ ...DEFAULT_LIMITS, ...changes });
  return current;
}

const BYTE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: KiB,
  kb: KiB,
  kib: KiB,
  m: MiB,
  mb: MiB,
  mib: MiB,
  g: GiB,
  gb: GiB,
  gib: GiB,
};
const MS_UNITS: Record<string, number> = { ms: 1, '': 1000, s: 1000, m: 60_000, h: 3_600_000 };

/** A limit's value as its unit reads it: `8GB`, `512MiB`, `30s`, `1500ms`, `2m`, `1000`. */
function parseValue(unit: LimitUnit, text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  if (!match) return undefined;
  const amount = Number(match[1]);
  const suffix = match[2]!.toLowerCase();
  const scale =
    unit === 'bytes'
      ? BYTE_UNITS[suffix]
      : unit === 'ms'
        ? MS_UNITS[suffix]
        : suffix === ''
          ? 1
          : undefined;
  if (scale === undefined) return undefined;
  const value = Math.round(amount * scale);
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

/** A limit as people write it, for messages and the README: `4 GiB`, `10 s`, `20000`. */
export function formatLimit(unit: LimitUnit, value: number): string {
  if (unit === 'ms') {
    for (const [suffix, size] of [
      ['h', 3_600_000],
      ['min', 60_000],
      ['s', 1000],
    ] as const)
      if (value % size === 0) return `${value / size} ${suffix}`;
    return `${value} ms`;
  }
  if (unit === 'count') return String(value);
  for (const [suffix, size] of [
    ['GiB', GiB],
    ['MiB', MiB],
    ['KiB', KiB],
  ] as const)
    if (value >= size) return `${Number((value / size).toFixed(1))} ${suffix}`;
  return `${value} bytes`;
}

/**
 * One `--limit NAME=VALUE` into a change to the defaults; a message for the user when it is not
 * one (unknown name, a value its unit cannot read, zero or negative).
 */
export function parseLimitArg(
  arg: string,
): { ok: true; key: keyof Limits; value: number } | { ok: false; message: string } {
  const equals = arg.indexOf('=');
  const name = (equals < 0 ? arg : arg.slice(0, equals)).trim();
  const spec = LIMIT_SPECS.find((candidate) => candidate.name === name);
  if (!spec)
    return {
      ok: false,
      message: `--limit knows ${LIMIT_SPECS.map((s) => s.name).join(', ')}; not "${name}"`,
    };
  const value = equals < 0 ? undefined : parseValue(spec.unit, arg.slice(equals + 1));
  if (value === undefined) {
    const example = spec.unit === 'bytes' ? '8GB' : spec.unit === 'ms' ? '30s' : '1000';
    return {
      ok: false,
      message: `--limit ${name} takes a positive ${spec.unit === 'ms' ? 'duration' : spec.unit === 'bytes' ? 'size' : 'whole number'} (e.g. ${name}=${example})`,
    };
  }
  return { ok: true, key: spec.key, value };
}
