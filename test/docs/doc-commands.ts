/**
 * Finds every `trailhound …` command shown in the README and docs/, and says how each is checked.
 * The conventions (written up for doc authors in docs/tests.md):
 * - a line of a ```sh block that starts with `trailhound ` is an example: it is run; `# exit N`
 *   after it says it exits N (else 0); a ```text block right after a ```sh block that holds one
 *   command is what it prints: each of its lines must be in the output (`…` lines are skipped);
 * - an inline code span that starts with `trailhound ` is run too when it has no placeholder;
 * - a command with placeholders (SOURCE, FILE, `[--x]`, `a|b`, `...`, `…`, `<x>`), in an inline
 *   span or a line of any other fenced block, is a synopsis: its command and flags must exist;
 * - an example that needs AWS (`--live`, `contain`) or a terminal (the TUI) is only parsed.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface DocCommand {
  /** Where it is shown, `docs/commands.md:42`. */
  where: string;
  /** As shown, without the trailing comment. */
  text: string;
  /** Arguments after `trailhound`, as the shell would pass them. */
  args: string[];
  /** `run`: run through the built binary; `parse`: only parsed; `synopsis`: flags checked. */
  check: 'run' | 'parse' | 'synopsis';
  /** The exit code the doc gives (`# exit N`), else 0. */
  exit: number;
  /** Fragments the doc says it prints (the ```text block after it). */
  prints: string[];
}

interface Token {
  value: string;
  quoted: boolean;
}

const RUN_FENCES = new Set(['sh', 'bash', 'shell', 'console']);
/** Commands the built binary runs offline and without a terminal. */
const OFFLINE_COMMANDS = new Set([
  'events',
  'stats',
  'findings',
  'principal',
  'report',
  'demo',
  'cases',
  'help',
]);

/** Splits a command line as a POSIX shell would: quotes, backslashes, and a `#` comment. */
export function shellWords(line: string): { tokens: Token[]; comment: string } {
  const tokens: Token[] = [];
  let current: Token | undefined;
  let i = 0;
  for (; i < line.length; i++) {
    const c = line[i]!;
    if (c === ' ' || c === '\t') {
      if (current) tokens.push(current);
      current = undefined;
      continue;
    }
    if (c === '#' && !current) break;
    current ??= { value: '', quoted: false };
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated quote in: ${line}`);
      current.value += line.slice(i + 1, end);
      current.quoted = true;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && /["\\$`]/.test(line[j + 1] ?? '')) j++;
        current.value += line[j];
      }
      if (j >= line.length) throw new Error(`unterminated quote in: ${line}`);
      current.quoted = true;
      i = j;
    } else if (c === '\\' && i + 1 < line.length) {
      current.value += line[++i];
    } else {
      current.value += c;
    }
  }
  if (current) tokens.push(current);
  return { tokens, comment: line.slice(i + 1).trim() };
}

/** A word the reader replaces: SOURCE..., FILE, [--x], a|b, ..., AKIA…, <endpoint>. */
function isPlaceholder(token: Token): boolean {
  if (token.quoted) return false;
  return /[[\]|<>…]|\.\.\./.test(token.value) || /^[A-Z][A-Z0-9_:,.]*$/.test(token.value);
}

function commandFrom(
  where: string,
  line: string,
  fence: 'run' | 'inline' | 'other',
): DocCommand | undefined {
  // A synopsis line in a usage block runs on with its description after a wide gap.
  const shown = fence === 'other' ? line.split(/\s{3,}/)[0]! : line;
  if (!/^trailhound\s/.test(shown)) return undefined;
  const { tokens, comment } = shellWords(shown);
  const rest = tokens.slice(1);
  const args = rest.map((token) => token.value);
  const text = shown.replace(/\s+#.*$/, '').trim();
  const exitMatch = /^exit (\d+)\b/.exec(comment);
  const exit = exitMatch ? Number(exitMatch[1]) : 0;
  const base = { where, text, args, exit, prints: [] as string[] };
  // `trailhound contain` in a sentence names the command; it is not an example.
  const named = fence === 'inline' && args.length === 1 && /^[a-z]+$/.test(args[0]!);
  if (fence === 'other' || named || rest.some(isPlaceholder)) {
    // An example to be run may not hold placeholders: it would be run with them.
    if (fence === 'run') throw new Error(`${where}: a placeholder in a sh block: ${text}`);
    return { ...base, check: 'synopsis' };
  }
  const first = args[0] ?? '';
  const offline =
    ['--help', '-h', '--version', '-v'].includes(first) ||
    (OFFLINE_COMMANDS.has(first) &&
      !args.includes('--live') &&
      // A bucket needs AWS as --live does.
      !args.some((arg) => /^s3:\/\//i.test(arg)));
  return { ...base, check: offline ? 'run' : 'parse' };
}

/** Every `trailhound` command in one Markdown text, in order. */
export function extractCommands(markdown: string, file: string): DocCommand[] {
  const lines = markdown.split('\n');
  const found: DocCommand[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^\s*(`{3,})\s*([\w-]*)/.exec(lines[i]!);
    if (!open) {
      for (const span of lines[i]!.matchAll(/`(trailhound [^`]+)`/g)) {
        const command = commandFrom(`${file}:${i + 1}`, span[1]!, 'inline');
        if (command) found.push(command);
      }
      continue;
    }
    const kind = RUN_FENCES.has(open[2]!) ? 'run' : 'other';
    const inBlock: DocCommand[] = [];
    let j = i + 1;
    for (; j < lines.length && !lines[j]!.trim().startsWith(open[1]!); j++) {
      let line = lines[j]!.trim().replace(/^\$\s+/, '');
      const start = j;
      while (kind === 'run' && line.endsWith('\\') && j + 1 < lines.length)
        line = `${line.slice(0, -1)} ${lines[++j]!.trim()}`;
      const command = commandFrom(`${file}:${start + 1}`, line, kind);
      if (command) inBlock.push(command);
    }
    i = j;
    // The block after a one-command example is what it prints.
    const next = nextFence(lines, i + 1);
    if (kind === 'run' && inBlock.length === 1 && next && next.lang === 'text') {
      inBlock[0]!.prints = next.body.map((line) => line.trim()).filter((l) => l && l !== '…');
      i = next.end;
    }
    found.push(...inBlock);
  }
  return found;
}

function nextFence(
  lines: string[],
  from: number,
): { lang: string; body: string[]; end: number } | undefined {
  let i = from;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  const open = /^\s*(`{3,})\s*([\w-]*)\s*$/.exec(lines[i] ?? '');
  if (!open) return undefined;
  let end = i + 1;
  while (end < lines.length && !lines[end]!.trim().startsWith(open[1]!)) end++;
  return { lang: open[2]!, body: lines.slice(i + 1, end), end };
}

/** The README and every page under docs/, as [path relative to root, text]. */
export function docPages(root: string): [string, string][] {
  const docs = join(root, 'docs');
  const pages = readdirSync(docs, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => join(docs, name));
  return [join(root, 'README.md'), ...pages].map((path) => [
    relative(root, path),
    readFileSync(path, 'utf8'),
  ]);
}

/** Compares output as the reader sees it: runs of spaces are one. */
export function missingFromOutput(prints: string[], output: string): string[] {
  const squash = (text: string) => text.replace(/[ \t]+/g, ' ');
  const seen = squash(output);
  return prints.filter((line) => !seen.includes(squash(line)));
}
