/**
 * The limits the README and docs/safety.md state are the ones the code enforces: every entry of
 * LIMIT_SPECS is in both, with its default, so changing a default without the docs fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, formatLimit, LIMIT_SPECS } from '../../source/trail/limits.js';

const page = (name: string) =>
  readFileSync(new URL(`../../${name}`, import.meta.url), 'utf8').replaceAll(/(\d),(\d)/g, '$1$2');
const shown = (spec: (typeof LIMIT_SPECS)[number]) =>
  formatLimit(spec.unit, DEFAULT_LIMITS[spec.key]);

describe('the limits in the docs', () => {
  it('docs/safety.md has a row per limit with its default', () => {
    const text = page('docs/safety.md');
    for (const spec of LIMIT_SPECS) {
      const row = text.split('\n').find((line) => line.startsWith(`| \`${spec.name}\``));
      expect(row, spec.name).toBeDefined();
      expect(row!.split('|')[2]!.trim(), spec.name).toBe(shown(spec));
    }
  });

  it("the README's Safety table names every limit and its default", () => {
    const text = page('README.md');
    const safety = text.slice(text.indexOf('## Safety'), text.indexOf('## Where to go next'));
    for (const spec of LIMIT_SPECS) {
      const row = safety.split('\n').find((line) => line.includes(`\`${spec.name}\``));
      expect(row, spec.name).toBeDefined();
      const names = [...row!.split('|')[1]!.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]);
      const defaults = row!
        .split('|')[2]!
        .split(',')
        .map((value) => value.trim());
      const value = defaults[names.indexOf(spec.name)]!;
      // The ratio is written 200× in the table.
      expect(value.replace(/×$/, ''), spec.name).toBe(shown(spec));
    }
  });
});
