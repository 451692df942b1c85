import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SOURCE = fileURLToPath(new URL('../../source/', import.meta.url));
const TRIAGE = join(SOURCE, 'triage');
/** The rooms the playbook may use (DESIGN.md): its own, trail, index and detect. */
const ALLOWED = ['triage', 'trail', 'index', 'detect'];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe('source/triage', () => {
  it('imports only from trail, index, detect and itself, and no packages', () => {
    let seen = 0;
    for (const file of files(TRIAGE)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/^(?:import|export)\b[^;]*?from\s+'([^']+)'/gms)) {
        const specifier = match[1]!;
        expect(specifier.startsWith('.'), `${file}: ${specifier}`).toBe(true);
        const room = relative(SOURCE, resolve(dirname(file), specifier)).split(/[\\/]/)[0]!;
        expect(ALLOWED, `${file}: ${specifier}`).toContain(room);
        seen++;
      }
    }
    // The pattern must be finding the imports, or the test proves nothing.
    expect(seen).toBeGreaterThan(10);
  });
});
