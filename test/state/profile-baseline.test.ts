import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { geoDatabase, type IpFacts } from '../../source/geo/index.js';
import {
  ipProfile,
  keyProfile,
  principalProfile,
  type EventIndex,
} from '../../source/index/index.js';
import { baselineJson } from '../../source/state/baseline-json.js';
import { PROFILE_LOOKUP_BUDGET } from '../../source/state/profile-baseline.js';
import { ipLines, keyLines } from '../../source/state/ip-key-lines.js';
import {
  baselineOf,
  newestTime,
  principalLines,
  type ProfileContext,
} from '../../source/state/principal-lines.js';
import type { ProfileLine } from '../../source/state/types.js';
import { indexOfFields, type FieldsRow } from '../helpers/fields-index.js';
import { loadIndex } from '../helpers/load.js';

const DEMO_CASE = fileURLToPath(new URL('../../data/demo-case.json.gz', import.meta.url));
const DAY = 24 * 60 * 60_000;
const START = Date.parse('2025-03-01T08:00:00Z');

/** Offline facts of our own making: a country and a network per address. */
const PLACES: Record<string, [country: string, asn: number, asOrg: string]> = {
  '203.0.113.10': ['NZ', 9790, 'Spark New Zealand'],
  '198.51.100.7': ['US', 7922, 'Comcast Cable'],
  '198.51.100.8': ['US', 7922, 'Comcast Cable'],
  '192.0.2.66': ['RO', 9009, 'M247 Europe'],
};
const ipFacts = (ip: string): IpFacts => {
  const place = PLACES[ip];
  return place
    ? { ip, kind: 'public', country: place[0], asn: place[1], asOrg: place[2], insideAws: false }
    : { ip, kind: 'unknown', insideAws: false };
};

function context(index: EventIndex, facts = ipFacts, until?: number): ProfileContext {
  return {
    index,
    ipFacts: facts,
    ipDataDate: 'test data',
    findings: [],
    facts: new Map(),
    risk: new Map(),
    ...(until !== undefined ? { baselineUntil: until } : {}),
  };
}

const call = (
  principal: string,
  at: number,
  sourceIp: string,
  eventName = 'DescribeInstances',
): FieldsRow => ({
  time: at,
  principal,
  identityType: 'IAMUser',
  account: '111122223333',
  region: 'us-east-1',
  eventName,
  sourceIp,
  userAgent: 'aws-cli/2.15.30 Python/3.11.8 Linux/6.1.0',
});

/** The list line showing `value` (the first one). */
function lineOf(lines: readonly ProfileLine[], value: string): string {
  const line = lines.find((candidate) => candidate.text.startsWith(`  ${value} `));
  expect(line, `a line for ${value}`).toBeDefined();
  return line!.text;
}

/** The mark column of a list line whose value column is `width` wide. */
const markOf = (text: string, width: number) => text.slice(3 + width, 3 + width + 4).trim();

describe('a profile judges by the detections’ baseline', () => {
  it('a month of two alternating addresses: both established, nothing new', () => {
    const rows: FieldsRow[] = [];
    for (let day = 0; day < 30; day++) {
      const home = day % 2 === 0 ? '203.0.113.10' : '198.51.100.7';
      rows.push(call('commuter', START + day * DAY, home));
      rows.push(call('commuter', START + day * DAY + 3_600_000, home, 'ListBuckets'));
    }
    const index = indexOfFields(rows);
    const lines = principalLines(principalProfile(index, 'commuter')!, context(index));
    const texts = lines.map((line) => line.text);
    expect(texts).toContain('baseline: 2025-03-01 .. 03-29, 29 days');
    // Today's profile marked the second address NEW: it was met after the first.
    expect(markOf(lineOf(lines, '198.51.100.7'), 22)).toBe('est');
    expect(markOf(lineOf(lines, '203.0.113.10'), 22)).toBe('est');
    expect(markOf(lineOf(lines, 'network 198.51.100.0/24'), 34)).toBe('est');
    expect(markOf(lineOf(lines, 'country NZ'), 34)).toBe('est');
    expect(markOf(lineOf(lines, 'AS org  Comcast Cable'), 34)).toBe('est');
    expect(markOf(lineOf(lines, 'ListBuckets'), 30)).toBe('est');
    expect(texts.filter((text) => / (new|NEW) +\d+ ev/.test(text))).toEqual([]);
    expect(lines.filter((line) => line.tone === 'alert')).toEqual([]);
  });

  it('a newcomer: no baseline yet, and none of what he does is new', () => {
    const rows: FieldsRow[] = [];
    for (let day = 0; day < 3; day++) rows.push(call('veteran', START + day * DAY, '198.51.100.7'));
    const arrival = START + 2 * DAY + 3_600_000;
    const names = ['GetCallerIdentity', 'ListBuckets', 'ListUsers', 'CreateUser', 'ListRoles'];
    names.forEach((name, i) =>
      rows.push(call('intern', arrival + i * 20_000, i < 3 ? '198.51.100.8' : '192.0.2.66', name)),
    );
    rows.push(call('veteran', arrival + 2 * 60_000, '198.51.100.7'));
    const index = indexOfFields(rows);
    const lines = principalLines(principalProfile(index, 'intern')!, context(index));
    const texts = lines.map((line) => line.text);
    expect(texts).toContain(
      'no baseline yet: first seen 2 min ago, active on 1 of the 2 days needed; nothing is new yet',
    );
    // Today's profile marked four of his five names, and his second address, NEW.
    for (const name of names) expect(markOf(lineOf(lines, name), 30)).toBe('');
    expect(markOf(lineOf(lines, '192.0.2.66'), 22)).toBe('');
    expect(texts.some((text) => /\b(NEW|new|est) +\d+ ev/.test(text))).toBe(false);
    expect(texts.some((text) => text.startsWith('marks:'))).toBe(false);
  });

  it('new for the principal but known to the account reads "new", not "NEW"', () => {
    const rows: FieldsRow[] = [];
    for (let day = 0; day < 5; day++) {
      rows.push(call('alice', START + day * DAY, '198.51.100.7'));
      rows.push(call('bob', START + day * DAY + 60_000, '203.0.113.10'));
    }
    rows.push(call('bob', START + 5 * DAY, '198.51.100.7'));
    rows.push(call('bob', START + 5 * DAY + 60_000, '192.0.2.66'));
    const index = indexOfFields(rows);
    const lines = principalLines(principalProfile(index, 'bob')!, context(index));
    expect(markOf(lineOf(lines, '198.51.100.7'), 22)).toBe('new');
    expect(markOf(lineOf(lines, '192.0.2.66'), 22)).toBe('NEW');
    expect(markOf(lineOf(lines, 'country US'), 34)).toBe('new');
    expect(markOf(lineOf(lines, 'country RO'), 34)).toBe('NEW');
    expect(markOf(lineOf(lines, '203.0.113.10'), 22)).toBe('est');
    // The address's own page: who used it, and how it stood for its first user.
    const page = ipLines(ipProfile(index, '198.51.100.7')!, context(index)).map((l) => l.text);
    expect(page).toContain('for alice, first here 03-01 08:00:');
    expect(page).toContain('  address est · network est · AS org est · country est');
    expect(
      markOf(lineOf(ipLines(ipProfile(index, '192.0.2.66')!, context(index)), 'bob'), 34),
    ).toBe('NEW');
  });

  it('--baseline-until: whoever was active before it has a history from then on', () => {
    const until = START + 2 * 3_600_000;
    const index = indexOfFields([
      call('carol', START, '198.51.100.7'),
      call('carol', START + 3 * 3_600_000, '192.0.2.66', 'ListUsers'),
    ]);
    const without = principalLines(principalProfile(index, 'carol')!, context(index));
    expect(markOf(lineOf(without, '192.0.2.66'), 22)).toBe('');
    const lines = principalLines(principalProfile(index, 'carol')!, context(index, ipFacts, until));
    expect(lines.map((line) => line.text)).toContain(
      'baseline: 2025-03-01 (until 2025-03-01, --baseline-until)',
    );
    expect(markOf(lineOf(lines, '192.0.2.66'), 22)).toBe('NEW');
    expect(markOf(lineOf(lines, 'ListUsers'), 30)).toBe('NEW');
  });
});

describe('bounded work on the UI thread', () => {
  it('places at most PROFILE_LOOKUP_BUDGET addresses per opening, says so, and goes on next time', () => {
    const rows: FieldsRow[] = [];
    for (let i = 0; i < PROFILE_LOOKUP_BUDGET + 200; i++)
      rows.push(call('scanner', START + i * 60_000, `100.${(i >> 8) & 255}.${i & 255}.1`));
    const index = indexOfFields(rows);
    // Distinct addresses asked (the real database remembers each answer).
    const asked = new Set<string>();
    const counted = (ip: string): IpFacts => {
      asked.add(ip);
      return { ip, kind: 'public', country: 'US', asOrg: 'Example', insideAws: false };
    };
    const open = () => {
      asked.clear();
      return principalLines(principalProfile(index, 'scanner')!, context(index, counted));
    };
    const first = open();
    // The budget, and the 200 addresses the SOURCE IPS list describes (as it always has).
    expect(asked.size).toBeLessThanOrEqual(PROFILE_LOOKUP_BUDGET + 200);
    const unplaced = (lines: ProfileLine[]) =>
      lines.some((line) => line.text.includes('some addresses not placed yet'));
    expect(unplaced(first)).toBe(true);
    const second = open();
    expect(unplaced(second)).toBe(false);
    expect(markOf(lineOf(second, 'country US'), 34)).not.toBe('?');
  });
});

describe('the demo: KeyHunter', () => {
  let index: EventIndex;
  let demo: ProfileContext;
  beforeAll(async () => {
    ({ index } = await loadIndex([DEMO_CASE]));
    const geo = geoDatabase();
    demo = context(index, (ip) => geo.lookup(ip));
  });

  it('his attacker’s address is new for him and for the account; his usual one established', () => {
    const lines = principalLines(principalProfile(index, 'KeyHunter')!, demo);
    const texts = lines.map((line) => line.text);
    expect(texts).toContain('baseline: 2025-03-10 .. 03-12, 3 days');
    expect(texts).toContain(
      'marks: est=established · new=new to the principal · NEW=new to the account too',
    );
    expect(markOf(lineOf(lines, '102.88.109.159'), 22)).toBe('NEW');
    expect(markOf(lineOf(lines, '198.51.100.23'), 22)).toBe('est');
    expect(markOf(lineOf(lines, 'country NG'), 34)).toBe('NEW');
    expect(markOf(lineOf(lines, 'network 198.51.100.0/24'), 34)).toBe('est');
    // His 31 event names: the ordinary days' are not new (today all but ConsoleLogin read NEW).
    const names = principalProfile(index, 'KeyHunter')!.eventNames;
    expect(names).toHaveLength(31);
    const marks = names.map((name) => markOf(lineOf(lines, name.value), 30));
    expect(marks.filter((mark) => mark === 'est').length).toBeGreaterThanOrEqual(5);
    for (const name of ['ListObjects', 'GetObject', 'ListBuckets', 'DescribeAlarms'])
      expect(markOf(lineOf(lines, name), 30)).not.toMatch(/new/i);
    expect(markOf(lineOf(lines, 'CreateUser'), 30)).toBe('NEW');
    for (const line of lines) expect(line.text.length).toBeLessThan(400);
  });

  it('the JSON carries the same judgments', () => {
    const profile = principalProfile(index, 'KeyHunter')!;
    const json = baselineJson(profile, baselineOf(['KeyHunter'], demo), newestTime(index));
    expect(json.summary).toMatchObject({
      actor: 'KeyHunter',
      hasBaseline: true,
      historyFrom: '2025-03-12T00:00:00.000Z',
      span: { first: '2025-03-10T08:11:25.000Z', days: 3 },
    });
    const attacker = json.lists.sourceIps.find((ip) => ip.value === '102.88.109.159')!;
    expect(attacker.baseline).toMatchObject({
      value: '102.88.109.159',
      mark: 'new-for-account',
      firstStanding: 'new',
      newForAccount: true,
      principal: { firstSeen: '2025-03-13T14:02:11.000Z', days: 1, count: 29 },
    });
    expect(json.summary!.countries.map((c) => [c!.value, c!.mark])).toEqual(
      expect.arrayContaining([['NG', 'new-for-account']]),
    );
    const listObjects = json.lists.eventNames.find((name) => name.value === 'ListObjects')!;
    expect(listObjects.baseline).toMatchObject({
      mark: 'established',
      firstStanding: 'no-baseline',
    });
  });

  it('the address’s page and the key’s page say the same', () => {
    const ip = ipLines(ipProfile(index, '102.88.109.159')!, demo);
    const texts = ip.map((line) => line.text);
    expect(texts).toContain('for KeyHunter, first here 03-13 14:02:');
    expect(texts).toContain('  address NEW · network NEW · AS org NEW · country NEW');
    for (const text of texts.slice(0, 8)) expect(text.length).toBeLessThan(80);
    expect(markOf(lineOf(ip, 'KeyHunter'), 34)).toBe('NEW');
    const key = keyLines(keyProfile(index, 'AKIAR6H3F6N2ZEXAMPLE')!, demo);
    expect(key.map((line) => line.text)).toContain(
      'baseline (as KeyHunter): 2025-03-10 .. 03-12, 3 days',
    );
    expect(markOf(lineOf(key, '102.88.109.159'), 22)).toBe('NEW');
  });
});
