/**
 * File names are bytes. Linux allows any byte but `/` and NUL, so a name need not be UTF-8 (a
 * Latin-1 `café` is `caf\xe9`); decoded into a JS string such a byte becomes U+FFFD, and the
 * string no longer names the file. Names found on disk are therefore kept as bytes for opening
 * and shown as text with each byte that is not UTF-8 written `\xNN`.
 */
import { isUtf8 } from 'node:buffer';

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function hexByte(byte: number): string {
  return `\\x${byte.toString(16).padStart(2, '0')}`;
}

/** A path's bytes as text: UTF-8 where they are, each other byte as `\xNN` (`caf\xe9.json.gz`). */
export function displayPath(bytes: Uint8Array): string {
  if (isUtf8(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString();
  let text = '';
  let at = 0;
  while (at < bytes.length) {
    let taken = 0;
    // The longest UTF-8 sequence is 4 bytes: the first length that decodes strictly is the
    // character; a byte that starts none is shown as an escape.
    for (let length = 1; length <= 4 && at + length <= bytes.length; length++) {
      try {
        text += strict.decode(bytes.subarray(at, at + length));
        taken = length;
        break;
      } catch {
        // Not a whole character yet (or never): try one byte more.
      }
    }
    if (taken === 0) {
      text += hexByte(bytes[at]!);
      taken = 1;
    }
    at += taken;
  }
  return text;
}

/**
 * A path found as bytes: as text when it is UTF-8 (the usual case, nothing else changes), else
 * shown escaped, with the bytes kept to open it by.
 */
export function pathOfBytes(bytes: Uint8Array): { path: string; rawPath?: Buffer } {
  if (isUtf8(bytes)) return { path: displayPath(bytes) };
  return { path: displayPath(bytes), rawPath: Buffer.from(bytes) };
}
