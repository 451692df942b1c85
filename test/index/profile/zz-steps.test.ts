import { it } from 'vitest';
import { syntheticIndex } from './synthetic-index.js';
import { lookupPrincipal } from '../../../source/index/profile/principal-lookup.js';
import { subjectRows } from '../../../source/index/profile/subject-rows.js';
import { columnList } from '../../../source/index/profile/column-lists.js';
import { tallyResources } from '../../../source/index/profile/resource-tally.js';
import { rankStats } from '../../../source/index/profile/rank.js';
import { accessDeniedBursts } from '../../../source/index/profile/access-denied-bursts.js';
import { notableEvents } from '../../../source/index/profile/notable-events.js';
import { histogram } from '../../../source/index/profile/histogram.js';

it('steps', () => {
  const skew = Number(process.env.SKEW ?? 3);
  const { index } = syntheticIndex(1_000_000, skew);
  for (let round = 0; round < 3; round++) {
    const out: string[] = [];
    let t = performance.now();
    const lap = (label: string) => {
      const now = performance.now();
      out.push(`${label} ${(now - t).toFixed(1)}`);
      t = now;
    };
    const match = lookupPrincipal(index, 'user-0')!;
    lap('lookup');
    const subject = subjectRows(index, match.rows);
    lap('subject');
    for (const f of [
      'identityType',
      'principalArn',
      'account',
      'principal',
      'sourceIp',
      'userAgent',
      'region',
      'accessKeyId',
      'eventName',
    ] as const) {
      columnList(index, f, subject, 200);
      lap(f);
    }
    const table = tallyResources(index, subject);
    lap('resources tally');
    rankStats(table, 200);
    lap('resources rank');
    accessDeniedBursts(index, subject);
    lap('bursts');
    notableEvents(index, subject, 200);
    lap('notable');
    histogram(index, subject.times, 60);
    lap('histogram');
    console.log(`round ${round} rows ${match.rows.length}: ${out.join(' | ')}`);
  }
});
