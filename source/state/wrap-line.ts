import { displayWidth } from '../trail/sanitize.js';

const INDENT = '      ';

/**
 * Breaks an already sanitized line at spaces so all of it shows (a containment command or a
 * finding's reason must be read whole, not cut at the edge); continuation lines are indented. A
 * word wider than the line (a long ARN) is cut into pieces.
 */
export function wrapLine(line: string, width: number): string[] {
  if (displayWidth(line) <= width) return [line];
  // A line's own indentation stays on its first piece; continuations indent further.
  const lead = /^ */.exec(line)![0];
  const room = Math.max(1, width - INDENT.length);
  const out: string[] = [];
  let current = lead;
  for (let word of line.slice(lead.length).split(' ')) {
    while (displayWidth(word) > room) {
      if (current.trim() !== '') out.push(current);
      current = '';
      out.push(`${out.length > 0 ? INDENT : ''}${word.slice(0, room)}`);
      word = word.slice(room);
    }
    const next =
      current.trim() !== ''
        ? `${current} ${word}`
        : out.length > 0
          ? `${INDENT}${word}`
          : `${current}${word}`;
    if (displayWidth(next) > width && current.trim() !== '') {
      out.push(current);
      current = `${INDENT}${word}`;
    } else current = next;
  }
  if (current.trim() !== '') out.push(current);
  return out;
}
