/** Reading the report's Markdown back in tests: its sections and its table rows. */

/** The lines of one `## ` section, heading excluded. */
export function section(markdown: string, heading: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(`## ${heading}`);
  if (start < 0) throw new Error(`no section ${heading}`);
  const end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/**
 * Cells of a pipe-table line as GFM splits them: a `|` preceded by an odd number of backslashes
 * is text, any other `|` is a cell border.
 */
export function cells(line: string): string[] {
  const found: string[] = [];
  let current = '';
  for (let index = 0; index < line.length; index++) {
    const char = line[index]!;
    if (char === '\\') {
      current += char + (line[index + 1] ?? '');
      index++;
    } else if (char === '|') {
      found.push(current.trim());
      current = '';
    } else current += char;
  }
  found.push(current.trim());
  // A row starts and ends with a border: drop the empty outer pieces.
  return found.slice(1, -1);
}

/** Every table in the document as its rows of cells (header and separator included). */
export function tables(markdown: string): string[][][] {
  const result: string[][][] = [];
  let current: string[][] | undefined;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('|')) {
      if (!current) {
        current = [];
        result.push(current);
      }
      current.push(cells(line));
    } else current = undefined;
  }
  return result;
}
