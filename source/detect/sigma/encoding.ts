/**
 * Transformation modifiers that turn one rule value into the text(s) a log would hold:
 * the UTF-16 encodings, `base64`, `base64offset` and `windash`.
 */

export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be' | 'utf16';

export function encodeText(value: string, encoding: TextEncoding): Buffer {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(value, 'utf8');
    case 'utf16le':
      return Buffer.from(value, 'utf16le');
    case 'utf16be':
      return Buffer.from(value, 'utf16le').swap16();
    case 'utf16':
      // A byte order mark then little-endian, as Windows writes it.
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(value, 'utf16le')]);
  }
}

export function base64Of(bytes: Buffer): string {
  return bytes.toString('base64');
}

/**
 * The three texts a value takes inside a longer base64 string, depending on its byte offset
 * modulo 3: encode with 0–2 bytes of padding before it, then drop the characters that depend
 * on the unknown neighbours at both ends.
 */
export function base64OffsetsOf(bytes: Buffer): string[] {
  const dropStart = [0, 2, 3];
  const dropEnd = [0, 3, 2];
  const variants: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const padded = Buffer.concat([Buffer.alloc(shift, 0x20), bytes]);
    const encoded = padded.toString('base64');
    const end = encoded.length - dropEnd[(bytes.length + shift) % 3]!;
    const variant = encoded.slice(dropStart[shift], end);
    if (variant.length > 0) variants.push(variant);
  }
  return variants;
}

/** Characters Windows accepts for a command-line switch; `windash` treats them as one. */
const DASHES = /[-/\u2013\u2014\u2015]/g;

/**
 * Folds every switch character to `-`. Folding both the rule value and the log text is the
 * same as trying every permutation of dashes in the value, without the 5^n blow-up.
 */
export function foldDashes(text: string): string {
  return text.replace(DASHES, '-');
}

const DASH_CHOICES = ['-', '/', '\u2013', '\u2014', '\u2015'];

/** Every dash permutation of a value, for when it is encoded afterwards and cannot be folded. */
export function dashPermutations(value: string, limit: number): string[] | undefined {
  let variants = [''];
  for (const c of value) {
    const choices = DASH_CHOICES.includes(c) ? DASH_CHOICES : [c];
    if (variants.length * choices.length > limit) return undefined;
    variants = variants.flatMap((prefix) => choices.map((choice) => prefix + choice));
  }
  return variants;
}
