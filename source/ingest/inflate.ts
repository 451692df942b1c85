import { constants as bufferConstants } from 'node:buffer';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import { formatLimit, limits, type Limits } from '../trail/limits.js';

/**
 * Gunzipping a file with a cap on what it may inflate to. A few MB of gzip can claim gigabytes
 * (deflate reaches ~1000×), so the cap comes from the compressed size and a maximum, and the
 * inflater stops at it: memory holds at most the cap (and one output chunk no larger) per file
 * being inflated, whatever the number of threads doing it.
 */

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/** Output buffers above this are not sized ahead from the gzip trailer (a trailer can lie). */
const MAX_SIZED_OUTPUT = 64 * 1024 * 1024;

export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === GZIP_MAGIC_0 && bytes[1] === GZIP_MAGIC_1;
}

/**
 * The most a file of `compressedSize` gzipped bytes may inflate to:
 * min(inflatedMax, max(inflatedFloor, compressedSize × inflatedRatio)), and never more than one
 * Node buffer holds.
 */
export function inflatedCap(compressedSize: number, bounds: Limits = limits()): number {
  const byRatio = Math.max(bounds.inflatedFloor, compressedSize * bounds.inflatedRatio);
  return Math.min(bounds.inflatedMax, byRatio, bufferConstants.MAX_LENGTH);
}

/**
 * The reason a file that inflates past its cap is refused: the cap, and the bound that set it
 * (the one to change when the file is honest after all).
 */
export function bombReason(compressedSize: number, bounds: Limits = limits()): string {
  const cap = inflatedCap(compressedSize, bounds);
  const beyond = `expands beyond ${formatLimit('bytes', cap)} (decompression bomb`;
  if (cap === bufferConstants.MAX_LENGTH && bounds.inflatedMax >= cap) return `${beyond})`;
  if (cap === bounds.inflatedMax) return `${beyond}); --limit inflated-max=SIZE allows more`;
  const size = formatLimit('bytes', compressedSize);
  if (compressedSize * bounds.inflatedRatio >= bounds.inflatedFloor)
    return `${beyond}, over ${bounds.inflatedRatio}× its ${size}); --limit inflated-ratio=N allows more`;
  return `${beyond}); --limit inflated-floor=SIZE allows more`;
}

/**
 * The gzip trailer's size of the (last member's) inflated data. Inflating into one buffer of
 * that size skips zlib's 16 KiB steps and the copy that joins them; a wrong or multi-member
 * size only costs those steps back. Never above the cap: a bomb's first buffer is no bigger
 * than what it may fill.
 */
function inflatedSizeHint(bytes: Uint8Array, cap: number): number {
  const at = bytes.length - 4;
  if (at < 10) return zlibConstants.Z_DEFAULT_CHUNK;
  const size =
    (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16)) + bytes[at + 3]! * 2 ** 24;
  // One byte over, so the inflater never fills the buffer and asks for another.
  const wanted = Math.min(size + 1, MAX_SIZED_OUTPUT, cap + 1, bufferConstants.MAX_LENGTH);
  return Math.max(zlibConstants.Z_DEFAULT_CHUNK, wanted);
}

/**
 * The file's bytes, gunzipped when they are gzip (every member of a multi-member file, counted
 * together against the cap). Inflating stops as soon as the output passes the cap.
 */
export function inflate(
  bytes: Uint8Array,
  bounds: Limits = limits(),
): { bytes: Uint8Array } | { error: string } {
  if (bytes.length === 0) return { error: 'empty file' };
  if (!isGzip(bytes)) return { bytes };
  const cap = inflatedCap(bytes.length, bounds);
  try {
    return {
      bytes: gunzipSync(bytes, {
        chunkSize: inflatedSizeHint(bytes, cap),
        maxOutputLength: cap,
      }),
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      return { error: bombReason(bytes.length, bounds) };
    const why = error instanceof Error ? error.message : String(error);
    return { error: `truncated or corrupt gzip (${why})` };
  }
}
