/**
 * The question before a big pull: the plan on stderr, "continue? [y/N]", an answer read from the
 * terminal. A small pull just goes (its plan is still said, one line); `--yes` goes without
 * asking; a big pull with no terminal to ask on and no --yes is refused, saying to add it.
 */
import { createInterface } from 'node:readline';
import type { S3Plan } from '../ingest/s3/types.js';
import { sanitizeText } from '../trail/sanitize.js';

/**
 * A pull is big past 2,500 GET requests or 1 GB to fetch. One account's trail in one region is
 * about 288 objects a day (a delivery every 5 minutes), so the default week of one account and
 * region (~2,000 objects, minutes at most) goes without a question, while several regions, an
 * organization or a long window (hours, gigabytes of disk in the cache) are asked about first.
 * `TRAILHOUND_BIG_PULL_GETS` moves the first bound (tests use a handful of objects).
 */
export const BIG_PULL_GETS = 2500;
export const BIG_PULL_BYTES = 1e9;

function getsBound(env: NodeJS.ProcessEnv): number {
  const given = Number(env['TRAILHOUND_BIG_PULL_GETS']);
  return Number.isInteger(given) && given >= 0 ? given : BIG_PULL_GETS;
}

/** What the pull will fetch: the objects the cache lacks, and about as many bytes. */
export function toFetch(plan: S3Plan): { gets: number; bytes: number } {
  const gets = Math.max(0, plan.objects.length - plan.cached);
  const share = plan.objects.length > 0 ? gets / plan.objects.length : 0;
  return { gets, bytes: Math.round(plan.bytes * share) };
}

export function isBigPull(plan: S3Plan, env: NodeJS.ProcessEnv = process.env): boolean {
  const { gets, bytes } = toFetch(plan);
  return gets > getsBound(env) || bytes > BIG_PULL_BYTES;
}

export interface QuestionIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** `--yes`. */
  yes: boolean;
  /** The plan in one line (the planner's planSummary). */
  summary: (plan: S3Plan) => string;
  env?: NodeJS.ProcessEnv;
}

/** Says the plan; for a big one asks (or refuses); resolves whether to pull. */
export async function confirmPlan(plan: S3Plan, shown: string, io: QuestionIo): Promise<boolean> {
  const line = `${sanitizeText(shown)}: ${sanitizeText(io.summary(plan))}`;
  if (!isBigPull(plan, io.env) || io.yes) {
    io.stderr.write(`trailhound: ${line}\n`);
    return true;
  }
  if (io.stdin.isTTY !== true || io.stderr.isTTY !== true)
    throw new Error(
      `${line}: a big pull, and no terminal to ask on; add --yes to go ahead (or narrow it with --since/--until, --regions, --accounts)`,
    );
  const answer = await ask(io.stdin, io.stderr, `trailhound: ${line} — continue? [y/N] `);
  return /^\s*y(es)?\s*$/i.test(answer);
}

/** One line from the terminal; the stream is left paused for whoever reads it next (the TUI). */
function ask(
  stdin: NodeJS.ReadableStream,
  stderr: NodeJS.WritableStream,
  question: string,
): Promise<string> {
  return new Promise((resolve) => {
    const lines = createInterface({ input: stdin, output: stderr, terminal: false });
    let answered = false;
    const done = (answer: string) => {
      if (answered) return;
      answered = true;
      lines.close();
      stdin.pause();
      resolve(answer);
    };
    lines.once('line', done);
    // Ctrl-D (end of input) is a no.
    lines.once('close', () => done(''));
    stderr.write(question);
  });
}
