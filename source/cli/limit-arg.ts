import { parseLimitArg, type Limits } from '../trail/limits.js';

/** Every `--limit NAME=VALUE` given, as changes to the defaults; a usage error names a bad one. */
export function limitsFrom(
  args: readonly string[],
  usage: (message: string) => Error,
): Partial<Limits> {
  const changes: Partial<Record<keyof Limits, number>> = {};
  for (const arg of args) {
    const parsed = parseLimitArg(arg);
    if (!parsed.ok) throw usage(parsed.message);
    changes[parsed.key] = parsed.value;
  }
  return changes;
}
