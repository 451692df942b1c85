import { createInterface } from 'node:readline';
import type { Target } from '../aws/iam/index.js';
import { sanitizeText } from '../trail/sanitize.js';

/** Whether the command can ask a person: standard input is a terminal. */
export function canAsk(stdin: NodeJS.ReadableStream): boolean {
  return (stdin as { isTTY?: boolean }).isTTY === true;
}

/**
 * Asks on the terminal. A destructive plan is confirmed only by typing the target's name (a
 * reflex "y" is not enough to delete an identity); any other plan by "y" or "yes".
 */
export async function confirmPlan(
  stdin: NodeJS.ReadableStream,
  prompt: NodeJS.WritableStream,
  target: Target,
  destructive: boolean,
  calls: number,
): Promise<boolean> {
  const question = destructive
    ? `This deletes. Type the ${target.kind}'s name (${sanitizeText(target.name)}) to run ${calls} call(s): `
    : `Run these ${calls} call(s)? [y/N] `;
  const answer = await ask(stdin, prompt, question);
  return destructive ? answer === target.name : /^(y|yes)$/i.test(answer);
}

function ask(
  stdin: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  question: string,
): Promise<string> {
  return new Promise((resolve) => {
    const reader = createInterface({ input: stdin, output, terminal: false });
    let answered = false;
    reader.once('line', (text) => {
      answered = true;
      reader.close();
      resolve(text.trim());
    });
    reader.once('close', () => {
      if (!answered) resolve('');
    });
    output.write(question);
  });
}
