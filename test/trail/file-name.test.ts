import { describe, expect, it } from 'vitest';
import { displayPath, pathOfBytes } from '../../source/trail/file-name.js';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(
    parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))),
  );

describe('file names as bytes', () => {
  it('shows each byte that is not UTF-8 as \\xNN and keeps the characters that are', () => {
    expect(displayPath(bytes('caf', [0xe9], '.json.gz'))).toBe('caf\\xe9.json.gz');
    expect(displayPath(bytes('é/', [0xff, 0xfe], '日本.json'))).toBe('é/\\xff\\xfe日本.json');
    // A lone continuation byte, an overlong `/`, a surrogate, a cut-off 3-byte sequence.
    expect(displayPath(bytes([0x80], 'a', [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82]))).toBe(
      '\\x80a\\xc0\\xaf\\xed\\xa0\\x80\\xe2\\x82',
    );
    // A byte order mark is a character of the name, not something to drop.
    expect(displayPath(bytes([0xef, 0xbb, 0xbf], [0xe9]))).toBe('\ufeff\\xe9');
  });

  it('keeps the bytes to open by only when the text cannot name the file', () => {
    expect(pathOfBytes(bytes('/logs/é.json'))).toEqual({ path: '/logs/é.json' });
    const latin1 = bytes('/logs/', [0xe9], '.json');
    expect(pathOfBytes(latin1)).toEqual({ path: '/logs/\\xe9.json', rawPath: latin1 });
  });
});
