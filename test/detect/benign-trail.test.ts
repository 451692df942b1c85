import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBenignTrail, type BenignTrail } from '../../source/bench/benign/generate.js';
import * as places from '../../source/bench/benign/places.js';
import {
  CRITICAL_BUDGET,
  HIGH_PER_100K_BUDGET,
  formatScore,
  intrusionRows,
  scoreRun,
  type BenignScore,
} from '../../source/bench/benign/score.js';
import { detect } from '../../source/detect/index.js';
import { geoDatabase } from '../../source/geo/index.js';
import { Rng } from '../../source/demo/random.js';
import { rowRecords } from '../../source/ingest/row-records.js';
import { loadIndex } from '../helpers/load.js';

/**
 * A month of one company's ordinary AWS work with one intrusion planted in it (the benign
 * trail, `source/bench/benign/`): the measure of trust. Full size (100,000 events), one
 * plain-JSON file per region and day to keep the test's time down (the records are the same as
 * in the bench's gzipped hourly tree); `npm run bench -- benign 1000000` prints the 1M numbers.
 */
const EVENTS = 100_000;
let dir: string;
let trail: BenignTrail;
let score: BenignScore;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trailhound-benign-'));
  trail = await writeBenignTrail(dir, {
    events: EVENTS,
    intrusion: true,
    windowMinutes: 24 * 60,
    gzip: false,
  });
  const { index, result } = await loadIndex([dir]);
  const geo = geoDatabase();
  const records = rowRecords(result.files, (row) => index.location(row), 0);
  const run = await detect({ index, ipFacts: (ip) => geo.lookup(ip), records });
  const rows = await intrusionRows(index, records, trail.intrusion!);
  score = scoreRun(run, index.size, { plan: trail.intrusion!, rows });
  console.log(formatScore(score));
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the benign trail', () => {
  it('is the size asked for, starts with everyone at work, and holds the intrusion', () => {
    expect(Math.abs(score.events - EVENTS)).toBeLessThan(EVENTS * 0.02);
    expect(trail.people).toBe(24);
    // Every intrusion event is in the trail and was found by its id.
    expect(score.steps.map((s) => s.step)).toEqual([
      'login',
      'discovery',
      'create-user',
      'attach-admin-policy',
      'create-access-key',
      'create-login-profile',
      'stop-logging',
      'delete-detector',
    ]);
    // Day one already has most of the people signing in: no warm-up.
    const firstDay = readdirSync(dir, { recursive: true, withFileTypes: true })
      // One file per region and day, delivered at the day's end.
      .filter((e) => e.isFile() && e.name.includes('_20250408T0000Z'))
      .flatMap(
        (e) =>
          (
            JSON.parse(readFileSync(join(e.parentPath, e.name), 'utf8')) as {
              Records: Record<string, unknown>[];
            }
          ).Records,
      );
    const signedIn = new Set(
      firstDay
        .filter((r) => r.eventName === 'ConsoleLogin' && String(r.eventTime) < '2025-04-08')
        .map((r) => String((r.userIdentity as { arn?: string }).arn)),
    );
    expect(signedIn.size).toBeGreaterThanOrEqual(12);
  });

  it('cites every step of the planted intrusion in a high or critical finding', () => {
    const missed = score.steps.filter((s) => !s.cited).map((s) => s.step);
    expect(missed).toEqual([]);
  });

  it(`raises at most ${HIGH_PER_100K_BUDGET} high findings per 100,000 ordinary events, and no critical`, () => {
    const byRule = score.byRule.map((r) => `${r.ruleId} ${r.severity} ×${r.count}`).join('; ');
    expect(score.critical, byRule).toBeLessThanOrEqual(CRITICAL_BUDGET);
    expect(score.perHundredThousand, byRule).toBeLessThanOrEqual(HIGH_PER_100K_BUDGET);
  });
});

describe('the benign trail’s places', () => {
  it('are the networks and places the offline data says they are', () => {
    const geo = geoDatabase();
    const rng = new Rng(1);
    const pools = [
      ...Object.values(places.HOMES),
      ...Object.values(places.OFFICES),
      ...Object.values(places.MOBILE),
      ...Object.values(places.VPN),
      ...places.RUNNERS,
      ...Object.values(places.AWS_PUBLIC),
      places.INTRUDER,
    ];
    for (const pool of pools) {
      for (const v4 of pool.v4) {
        const facts = geo.lookup(`${v4}.${rng.int(2, 254)}`);
        expect([v4, facts.asn, facts.country], `${v4} in ${pool.city}`).toEqual([
          v4,
          pool.asn,
          pool.country,
        ]);
        expect(facts.city ?? '', v4).toContain(pool.city);
      }
      const v6 = places.address6(rng, pool);
      if (v6) expect([v6, geo.lookup(v6).asn]).toEqual([v6, pool.asn]);
    }
  });
});
