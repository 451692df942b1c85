/**
 * The README and docs/ hold together: every relative link reaches a page (and a heading on it),
 * and every page under docs/ says what it is for and links back to the documentation's map.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT } from './check-command.js';
import { docPages } from './doc-commands.js';

const pages = new Map(docPages(PROJECT));

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

function anchorsOf(markdown: string): Set<string> {
  const outside = markdown.replace(/^```[\s\S]*?^```/gm, '');
  return new Set([...outside.matchAll(/^#{1,6} (.+)$/gm)].map((match) => anchor(match[1]!)));
}

describe('the docs hold together', () => {
  it('every relative link reaches a file, and a heading on it', () => {
    const broken: string[] = [];
    for (const [file, text] of pages) {
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue;
        const [path, hash] = target!.split('#');
        const to = path ? join(dirname(file), path) : file;
        if (!existsSync(resolve(PROJECT, to))) broken.push(`${file}: ${target} (no such file)`);
        else if (hash && !anchorsOf(pages.get(to) ?? '').has(hash))
          broken.push(`${file}: ${target} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('every page under docs/ opens with what it is for and links back to the map', () => {
    const pagesInDocs = [...pages].filter(([file]) => file.startsWith('docs/'));
    expect(pagesInDocs.length).toBeGreaterThanOrEqual(10);
    for (const [file, text] of pagesInDocs) {
      const [title, intro] = text.split('\n\n');
      expect(title, file).toMatch(/^# \S/);
      // Prose first: not a heading, a table or a code block.
      expect(intro, file).toMatch(/^[^#|`\s]/);
      const opening = text.split('\n## ')[0]!;
      expect(opening, file).toMatch(
        file === 'docs/README.md' ? /\(\.\.\/README\.md\)/ : /\(README\.md\)/,
      );
    }
    expect(pages.get('README.md')).toContain('(docs/README.md)');
  });
});
