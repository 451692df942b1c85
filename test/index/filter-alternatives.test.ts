import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileRowTest, filterRows, type EventIndex } from '../../source/index/index.js';
import { parseQuery, type Query } from '../../source/trail/query/index.js';
import { fixture } from '../helpers/fixtures.js';
import { loadIndex } from '../helpers/load.js';
import { holds } from '../helpers/query-eval.js';

const DEMO = fileURLToPath(new URL('../../data/demo-case.json.gz', import.meta.url));
/** The demo's trail ends 2025-03-14 23:47 UTC; relative times count from there. */
const NOW = Date.UTC(2025, 2, 14, 23, 47);

function parse(text: string): Query {
  const parsed = parseQuery(text, NOW);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.query;
}

/** The rows the index keeps, and the rows a plain per-record evaluation keeps, in time order. */
function both(index: EventIndex, text: string) {
  const query = parse(text);
  const order = index.order();
  const byIndex = [...filterRows(index, query, order)];
  const plain = [...order].filter((row) => holds(query.root, index.fields(row)));
  return { byIndex, plain };
}

const QUERIES = [
  'event:Create* OR event:Delete*',
  'event:Create*,Delete*',
  'user:KeyHunter (event:Create* OR event:Delete*)',
  '(ip:10.0.0.0/8 OR ip:102.88.109.159) -error:*',
  'ip:10.0.0.0/8,102.88.109.159 -error:*',
  '-(event:Get* OR event:List* OR event:Describe*)',
  '-event:Get*,List*,Describe* source:iam*,s3*',
  'NOT (user:KeyHunter OR type:AssumedRole) error:*',
  'user:KeyHunter event:ListBuckets OR user:ops-admin OR ConsoleLogin after:12h',
  '(source:s3* (event:Get* OR event:Put*)) OR (source:iam* -(event:List* OR event:Get*))',
  'event:CreateUser OR -user:KeyHunter',
  'KeyHunter OR "Threat Intelligence.docx" OR bucket:dora-*',
  'AccessDenied OR kali OR -KeyHunter OR user:ops-admin,KeyHunter',
  'or',
];

describe('filtering with OR, groups and lists agrees with a plain evaluation', () => {
  let demo: EventIndex;
  let fixtures: EventIndex;
  beforeAll(async () => {
    demo = (await loadIndex([DEMO])).index;
    fixtures = (
      await loadIndex(['stratus', 'flaws2', 'awsdocs', 'edge-cases'].map((name) => fixture(name)))
    ).index;
  });

  it('on the demo case', () => {
    for (const text of QUERIES) {
      const { byIndex, plain } = both(demo, text);
      expect(byIndex, text).toEqual(plain);
    }
  });

  it('on the real fixtures', () => {
    expect(fixtures.size).toBeGreaterThan(100);
    for (const text of QUERIES) {
      const { byIndex, plain } = both(fixtures, text);
      expect(byIndex, text).toEqual(plain);
    }
  });

  it('finds both kinds, as many as each alone (the demo has Create* and Attach*, no Delete*)', () => {
    const count = (index: EventIndex, text: string) =>
      filterRows(index, parse(text), index.order()).length;
    for (const [index, other] of [
      [demo, 'Attach'],
      [fixtures, 'Delete'],
    ] as const) {
      const creates = count(index, 'event:Create*');
      const others = count(index, `event:${other}*`);
      expect(creates).toBeGreaterThan(0);
      expect(others).toBeGreaterThan(0);
      expect(count(index, `event:Create* OR event:${other}*`)).toBe(creates + others);
      expect(count(index, `event:Create*,${other}*`)).toBe(creates + others);
      expect(count(index, `-event:Create*,${other}*`)).toBe(index.size - creates - others);
    }
  });

  it('n / N walk the same rows the filter keeps', () => {
    const query = parse('user:KeyHunter (event:Create* OR event:Delete*) -error:*');
    const test = compileRowTest(demo, query);
    const walked = [...demo.order()].filter(test);
    expect(walked).toEqual([...filterRows(demo, query, demo.order())]);
    expect(walked.length).toBeGreaterThan(0);
  });

  it('agrees on random trees of ORs, groups, lists and negations', () => {
    const atoms = [
      'event:Create*',
      'event:Get*,List*',
      'event:AssumeRole',
      'user:KeyHunter',
      'user:ops-admin,KeyHunter',
      'ip:102.88.109.159',
      'ip:10.0.0.0/8,192.168.0.0/16',
      'error:*',
      'source:s3*',
      'source:iam*,sts*',
      'type:AssumedRole',
      'KeyHunter',
      'Denied',
      'after:2025-03-13T14:00Z',
    ];
    let seed = 13;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const node = (depth: number): string => {
      const sign = random(4) === 0 ? '-' : '';
      if (depth === 0 || random(3) === 0) return sign + atoms[random(atoms.length)]!;
      const parts = Array.from({ length: 2 + random(2) }, () => node(depth - 1));
      const joined = parts.join(random(2) === 0 ? ' OR ' : ' ');
      return `${sign}(${joined})`;
    };
    let telling = 0;
    for (let round = 0; round < 150; round++) {
      const text = `${node(3)} ${random(2) === 0 ? 'OR ' : ''}${node(2)}`;
      const { byIndex, plain } = both(demo, text);
      expect(byIndex, text).toEqual(plain);
      if (plain.length > 0 && plain.length < demo.size) telling++;
    }
    // Most trees select some events and not others, so the agreement says something.
    expect(telling).toBeGreaterThan(75);
  });
});
