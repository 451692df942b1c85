import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';

/**
 * Node decodes each command-line argument as UTF-8, so a path holding a byte that is not (a
 * Latin-1 `caf\xe9.json.gz`) arrives with U+FFFD in its place and names no file. Linux keeps the
 * arguments as they were given in /proc/self/cmdline; the user's arguments are its last entries,
 * as they are process.argv's. Elsewhere (or if that file cannot be read) there are no bytes to
 * find, and the path fails as "no such file or directory".
 */
let recovered: Map<string, Buffer | null> | undefined;

function userArguments(): Buffer[] {
  // A file of /proc: its size reads 0, so it is read until its end, not by its size.
  const cmdline = readFileSync('/proc/self/cmdline');
  const parts: Buffer[] = [];
  let start = 0;
  for (let at = 0; at < cmdline.length; at++) {
    if (cmdline[at] !== 0) continue;
    parts.push(cmdline.subarray(start, at));
    start = at + 1;
  }
  if (start < cmdline.length) parts.push(cmdline.subarray(start));
  const given = process.argv.length - 2;
  return given > 0 && parts.length >= given ? parts.slice(parts.length - given) : [];
}

function recover(): Map<string, Buffer | null> {
  const found = new Map<string, Buffer | null>();
  let raw: Buffer[];
  try {
    raw = userArguments();
  } catch {
    return found;
  }
  const texts = process.argv.slice(2);
  raw.forEach((bytes, i) => {
    const text = texts[i]!;
    if (isUtf8(bytes) || bytes.toString('utf8') !== text) return;
    const before = found.get(text);
    // Two different byte strings that decode alike: which is which cannot be told from the text.
    found.set(text, before === undefined || before?.equals(bytes) ? Buffer.from(bytes) : null);
  });
  return found;
}

/** The bytes of a command-line argument that was not valid UTF-8, when they can be found. */
export function argumentBytes(argument: string): Buffer | undefined {
  if (!argument.includes('\uFFFD')) return undefined;
  recovered ??= recover();
  return recovered.get(argument) ?? undefined;
}
