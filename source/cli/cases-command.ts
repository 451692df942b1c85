import { caseStateDirectory } from '../case/index.js';
import { listCases, resolveCaseArgument } from '../case/list-cases.js';
import { safeJsonStringify } from '../trail/safe-json.js';
import { sanitizeText } from '../trail/sanitize.js';
import { UsageError, type CliOptions } from './args.js';
import type { CliIo } from './io.js';

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/** `trailhound cases`: the cases in the cases folder, newest change first, numbered for --case. */
export async function casesCommand(options: CliOptions, io: CliIo): Promise<number> {
  const dir = caseStateDirectory();
  const cases = listCases(dir);
  if (options.format === 'json') {
    await io.write(`${safeJsonStringify({ folder: dir, cases }, 2)}\n`);
    return 0;
  }
  if (cases.length === 0) {
    await io.write(`no cases yet in ${sanitizeText(dir)}\n`);
    return 0;
  }
  const s = sanitizeText;
  const lines = cases.flatMap((entry) => {
    const head = `${String(entry.number).padStart(3)}  ${s(entry.name)}  ${s(entry.title)}  changed ${when(entry.changed)} UTC`;
    if (entry.problem)
      return [head, `     unreadable: ${s(entry.problem)}`, `     ${s(entry.path)}`];
    const sources =
      entry.sources.length === 0
        ? 'no sources'
        : `${s(entry.sources[0]!)}${entry.sources.length > 1 ? ` (+${entry.sources.length - 1} more)` : ''}`;
    return [
      head,
      `     ${entry.suspects} suspect(s), ${entry.pinned} pinned, ${entry.stepsDone} step(s) done · ${sources}`,
      `     ${s(entry.path)}`,
    ];
  });
  await io.write(
    `${lines.join('\n')}\n${cases.length} case(s) in ${s(dir)}; open one with trailhound --case NUMBER or NAME\n`,
  );
  return 0;
}

/** `--case` as the commands take it: a number or name from `trailhound cases`, or a path. */
export function casePathFrom(argument: string | undefined): string | undefined {
  if (argument === undefined) return undefined;
  try {
    return resolveCaseArgument(argument);
  } catch (error) {
    throw new UsageError(`--case: ${error instanceof Error ? error.message : String(error)}`);
  }
}
