/**
 * Case-insensitive equality without allocating a lower-cased copy of every log value: most
 * rule values are ASCII, and an ASCII value can only equal a text of the same length (no
 * lower-case mapping shortens a string, and the one that lengthens it, `İ`, adds a non-ASCII
 * mark). Non-ASCII texts fall back to `toLowerCase`.
 */

export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Whether `text` lower-cased equals `lowerAscii` (already lower-case ASCII). */
export function equalsFoldedAscii(text: string, lowerAscii: string): boolean {
  if (text.length !== lowerAscii.length) return false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c > 0x7f) return text.toLowerCase() === lowerAscii;
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== lowerAscii.charCodeAt(i)) return false;
  }
  return true;
}
