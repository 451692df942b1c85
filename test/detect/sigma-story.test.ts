import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSigmaRules } from '../../source/detect/index.js';
import { detectIn } from '../helpers/detect.js';
import { fixture } from '../helpers/fixtures.js';

const DEMO = fileURLToPath(new URL('../../data/demo-case.json.gz', import.meta.url));
const BUNDLED = fileURLToPath(new URL('../../data/sigma', import.meta.url));

describe('the seed story as one Sigma temporal_ordered correlation', () => {
  it('fires once, for KeyHunter from 102.88.109.159, over login → ListBuckets → GetObject', async () => {
    const { rules, problems } = await loadSigmaRules([BUNDLED]);
    expect(problems).toEqual([]);
    const run = await detectIn([DEMO], rules);
    const sigma = run.findings.filter((f) => f.origin === 'sigma');
    // The three base rules feed the correlation and are not findings of their own.
    expect(sigma).toHaveLength(1);
    const chain = sigma[0]!;
    expect(chain.title).toMatch(/Console Login Without MFA, Then Bucket Listing, Then Object Read/);
    expect(chain.severity).toBe('high');
    expect(chain.principal).toBe('KeyHunter');
    expect(chain.summary).toContain('sourceIPAddress=102.88.109.159');
    const names = chain.rows.map((row) => run.index.value(row, 'eventName'));
    expect(names.slice(0, 2)).toEqual(['ConsoleLogin', 'ListBuckets']);
    expect(names).toContain('GetObject');
    expect(new Date(chain.first).toISOString()).toBe('2025-03-13T14:02:38.000Z');
    expect(chain.sigma?.author).toBe('trailhound');
  });

  it('loads beside the 57 SigmaHQ rules and the demo raises their findings too', async () => {
    const { rules } = await loadSigmaRules([BUNDLED, fixture('sigma-cloudtrail')]);
    const run = await detectIn([DEMO], rules);
    const titles = new Set(run.findings.filter((f) => f.origin === 'sigma').map((f) => f.title));
    expect(titles.size).toBeGreaterThan(1);
    expect([...titles].some((title) => /MFA/i.test(title))).toBe(true);
  });
});
