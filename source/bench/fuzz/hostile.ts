/**
 * Attacker-controlled text for the fuzz: every class of character a terminal, a spreadsheet or a
 * renderer could act on, and the check that none of them reached an output raw.
 */
import type { Random } from './random.js';

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));

/** Single characters, by class, each of which must be escaped wherever a person reads output. */
export const HOSTILE_CLASSES: Readonly<Record<string, readonly string[]>> = {
  c0: range(0x00, 0x1f),
  c1: [...range(0x7f, 0x9f)],
  bidi: ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'],
  marks: ['\u200e', '\u200f', '\u061c'],
  invisible: ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u180e', '\u034f'],
  annotation: ['\ufff9', '\ufffa', '\ufffb'],
  separators: ['\u2028', '\u2029', '\u0085'],
  tags: range(0xe0000, 0xe007f),
  fillers: ['\u115f', '\u1160', '\u3164', '\uffa0'],
  selectors: ['\ufe00', '\ufe0f', '\u{e0100}', '\u{e01ef}'],
  surrogates: ['\ud800', '\udfff'],
};

/** Whole sequences: terminal title, clear screen, 8-bit CSI, hyperlink, DCS. */
const SEQUENCES = [
  '\x1b]0;pwned\x07',
  '\x1b[2J\x1b[H',
  '\x9b31m',
  '\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\',
  '\x1bPq#0\x1b\\',
  'user\u202egnp.exe',
];

/** What a spreadsheet reads as a formula, at a cell's start. */
const FORMULAS = [
  '=HYPERLINK("http://x")',
  '+1+1',
  '-2+3',
  '@SUM(A1)',
  '\t=1',
  '\r=1',
  ' =1',
  "=cmd|' /C calc'!A0",
];

/** Markup a report must show and never render. */
const MARKUP = [
  '<script>alert(1)</script>',
  '**bold**](https://evil)',
  '| a | b |',
  '# Owned',
  '`tick`',
];

/** Ordinary non-ASCII that must stay readable. */
const ORDINARY = ['café', '漢字', '🦊', '❤️', 'Ελληνικά', 'עברית'];

export function hostileChar(random: Random): string {
  const classes = Object.values(HOSTILE_CLASSES);
  return random.pick(random.pick(classes));
}

/** A string with hostile characters mixed into `base` (or into random text). */
export function hostileString(random: Random, base = 'value'): string {
  const parts: string[] = [];
  if (random.chance(0.2)) parts.push(random.pick(FORMULAS));
  const count = random.between(1, 6);
  const text = [...base];
  for (let i = 0; i < count; i++) {
    const at = random.int(text.length + 1);
    const kind = random.int(10);
    const piece =
      kind < 6
        ? hostileChar(random)
        : kind < 8
          ? random.pick(SEQUENCES)
          : kind < 9
            ? random.pick(MARKUP)
            : random.pick(ORDINARY);
    text.splice(at, 0, piece);
  }
  parts.push(text.join(''));
  return parts.join('');
}

/**
 * Characters no output may hold raw: C0 (but the line breaks an output writes itself), DEL, C1,
 * bidi controls and marks, zero-width and other invisible format characters, line separators,
 * the tag block, Hangul fillers, lone surrogates. U+2060 is allowed: Markdown inserts it to
 * break auto-links (markdown-escape.ts). Variation selectors are checked by the unit tests.
 */
const RAW =
  /[\x00-\x09\x0b-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2061-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\u{e0000}-\u{e007f}\p{Cs}]/u;

/** The first raw hostile character in `text`, described, or undefined when there is none. */
export function findRaw(text: string): string | undefined {
  const match = RAW.exec(text);
  if (!match) return undefined;
  const code = match[0].codePointAt(0)!.toString(16).padStart(4, '0');
  const around = text.slice(Math.max(0, match.index - 30), match.index + 30);
  return `raw U+${code} at ${match.index} near ${JSON.stringify(around)}`;
}
