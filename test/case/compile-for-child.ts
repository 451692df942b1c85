import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SOURCE_ROOT = fileURLToPath(new URL('../../source/', import.meta.url));
const RELATIVE_IMPORT = /(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)\.js'/g;

/**
 * Transpiles the given source modules and everything they import relatively into a temporary
 * directory, so a child process can run the current source without a full `tsc` build: the crash
 * test then never exercises a stale dist/. Type checking is the typecheck step's job, not this.
 * Returns the directory that mirrors source/.
 */
export function compileForChild(entries: string[]): string {
  // Inside the project, not the temp dir: the child resolves the packages the source imports
  // (string-width, ...) by walking up to the project's node_modules.
  const cache = join(SOURCE_ROOT, '..', 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const out = mkdtempSync(join(cache, 'trailhound-case-child-'));
  const pending = entries.map((entry) => resolve(SOURCE_ROOT, entry));
  const done = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop();
    if (file === undefined || done.has(file)) continue;
    done.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(RELATIVE_IMPORT)) {
      const specifier = match[1];
      if (specifier !== undefined) pending.push(resolve(dirname(file), `${specifier}.ts`));
    }
    const { outputText } = ts.transpileModule(text, {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: true,
      },
    });
    const target = join(out, relative(SOURCE_ROOT, file).replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  return out;
}
