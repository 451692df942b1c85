import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_LIMITS,
  formatLimit,
  limits,
  parseLimitArg,
  setLimits,
} from '../../source/trail/limits.js';
import { parseCli, UsageError } from '../../source/cli/args.js';
import { helpFor } from '../../source/cli/help-text.js';

afterEach(() => setLimits({}));

describe('limits', () => {
  it('reads sizes, durations and counts as people write them', () => {
    expect(parseLimitArg('inflated-max=8GB')).toEqual({
      ok: true,
      key: 'inflatedMax',
      value: 8 * 2 ** 30,
    });
    expect(parseLimitArg('record-bytes=512k')).toEqual({
      ok: true,
      key: 'recordBytes',
      value: 512 * 1024,
    });
    expect(parseLimitArg('request-timeout=2m')).toEqual({
      ok: true,
      key: 'requestTimeout',
      value: 120_000,
    });
    expect(parseLimitArg('connect-timeout=1500ms')).toEqual({
      ok: true,
      key: 'connectTimeout',
      value: 1500,
    });
    expect(parseLimitArg('depth=256')).toEqual({ ok: true, key: 'depth', value: 256 });
  });

  it('refuses an unknown name, a unit its kind cannot take, zero and negatives', () => {
    for (const bad of ['nope=1', 'depth=2GB', 'depth=0', 'depth=-3', 'inflated-max', 'pages=1.5x'])
      expect(parseLimitArg(bad).ok, bad).toBe(false);
    expect(() => parseCli(['stats', 'x', '--limit', 'depth=0'])).toThrow(UsageError);
    expect(() => parseCli(['stats', 'x', '--limit', 'speed=9'])).toThrow(/--limit knows .*depth/);
  });

  it('takes --limit more than once and leaves the rest at their defaults', () => {
    const options = parseCli(['stats', 'x', '--limit', 'depth=64', '--limit', 'pages=10']);
    expect(options.limits).toEqual({ depth: 64, pages: 10 });
    const set = setLimits(options.limits);
    expect(limits()).toBe(set);
    expect(set.depth).toBe(64);
    expect(set.inflatedMax).toBe(DEFAULT_LIMITS.inflatedMax);
  });

  it('says every bound and its default under `trailhound help limits`', () => {
    const text = helpFor('limits')!;
    expect(text).toMatch(/inflated-max\s+4 GiB/);
    expect(text).toMatch(/paging-time\s+3 h/);
    expect(formatLimit('ms', 1500)).toBe('1500 ms');
  });
});
