/**
 * `--workers -1`: Node's parseArgs takes a value that starts with `-` for an option and refuses it
 * as "argument is ambiguous", so the option's own check (`--workers takes a whole number from 0
 * to 64`) never runs. A negative number after an option that takes a value is joined to it
 * (`--workers=-1`), which parseArgs accepts; the option's check then says what it takes.
 */
export function joinNegativeValues(
  argv: readonly string[],
  options: Readonly<Record<string, { type: 'string' | 'boolean' }>>,
): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return [...out, ...argv.slice(i)];
    const next = argv[i + 1];
    const name = arg.startsWith('--') && !arg.includes('=') ? arg.slice(2) : undefined;
    if (name !== undefined && options[name]?.type === 'string' && next && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** parseArgs' message as one line, with the ambiguous case said plainly. */
export function parseArgsMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const ambiguous = /^Option '(--[^']+)' argument is ambiguous/.exec(message);
  if (ambiguous)
    return `${ambiguous[1]} needs a value; to give one that starts with "-", write ${ambiguous[1]}=VALUE`;
  // Node's message runs on with advice about `--`; its first sentence is the useful part.
  return message.split(/\.\s|\n/)[0]!.replace(/\.$/, '');
}
