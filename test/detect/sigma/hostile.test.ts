import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  loadSigmaRules,
  MAX_RULE_FILE_BYTES,
  parseSigmaText,
} from '../../../source/detect/sigma/index.js';
import { cloudTrailRule, compile, match, refusal } from './rules.js';

const withItem = (item: string) =>
  cloudTrailRule(`    selection:
        ${item}
    condition: selection`);

describe('hostile and broken rule files are reported, never thrown', () => {
  it('a YAML alias bomb', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let level = 1; level < 9; level++) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const bomb = `title: Bomb\n${levels.join('\n')}\n`;
    expect(refusal(bomb)).toMatch(/YAML: .*(alias|resource exhaustion)/i);
  });

  it('deeply nested YAML and broken YAML syntax', () => {
    expect(refusal(`title: Deep\nx: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`)).toMatch(
      /^YAML: /,
    );
    expect(refusal('title: Broken\ndetection: [unclosed\n')).toMatch(/^YAML: /);
    expect(refusal('title: Twice\ntitle: Again\n')).toMatch(/^YAML: .*unique/);
  });

  it('a text beyond the size limit is not parsed at all', () => {
    const huge = `title: Huge\ndescription: '${'x'.repeat(MAX_RULE_FILE_BYTES)}'\n`;
    expect(refusal(huge)).toMatch(/limit/);
  });

  it('regexes that are huge, do not compile, or need what a linear-time engine cannot do', () => {
    expect(refusal(withItem(`userAgent|re: '${'a'.repeat(5000)}'`))).toMatch(/characters long/);
    expect(refusal(withItem(`userAgent|re: '(unclosed'`))).toMatch(/not supported: missing/);
    expect(refusal(withItem(`userAgent|re: '\\Zboto'`))).toMatch(/invalid escape/);
    expect(refusal(withItem(`userAgent|re: '(?x)boto'`))).toMatch(/inline flag/);
    expect(refusal(withItem(`userAgent|re: 'boto(?=3)'`))).toMatch(/lookarounds/);
    expect(refusal(withItem(`userAgent|re: '(?<!x)boto'`))).toMatch(/not supported/);
    expect(refusal(withItem(`userAgent|re: '(a)\\1'`))).toMatch(/back-references/);
    const dotted = compile(`    selection:
        requestParameters.host|re: '^(\\w+\\.)+amazonaws\\.com$'
    condition: selection`);
    expect(match(dotted, { requestParameters: { host: 'bucket.s3.amazonaws.com' } })).toBe(true);
    expect(match(dotted, { requestParameters: { host: 's3.eu-west-1.amazonaws.com' } })).toBe(
      false,
    );
    const anchored = compile(`    selection:
        userAgent|re: '\\Aboto3/[0-9.]+\\z'
    condition: selection`);
    expect(match(anchored, { userAgent: 'boto3/1.2' })).toBe(true);
    expect(match(anchored, { userAgent: 'x boto3/1.2' })).toBe(false);
  });

  it('regexes shaped to backtrack forever run in linear time and still answer right', () => {
    const value = `${'a'.repeat(50_000)}!`;
    const started = performance.now();
    for (const [pattern, expected] of [
      ['^(a+)+$', false],
      ['(a|a)*$', true],
      ['(a|aa)+$', false],
      ['(\\w|\\d)+x', false],
      ['(.*a){20}x', false],
      ['(\\s*\\w*)*!', true],
      ['((ab|c+))*z', false],
    ] as const) {
      const rule = compile(`    selection:
        userAgent|re: '${pattern}'
    condition: selection`);
      expect(match(rule, { userAgent: value }), pattern).toBe(expected);
    }
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('wildcards with many stars stay fast on long values', () => {
    const stars = compile(`    selection:
        requestParameters.policyDocument: '${'a*'.repeat(40)}b'
    condition: selection`);
    const long = 'a'.repeat(200_000);
    const started = performance.now();
    expect(match(stars, { requestParameters: { policyDocument: long } })).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('unknown or unsupported modifiers, and malformed values', () => {
    expect(refusal(withItem(`eventName|sounds_like: x`))).toBe('unknown modifier |sounds_like');
    expect(refusal(withItem(`eventName|expand: '%admins%'`))).toMatch(/placeholders/);
    expect(refusal(withItem(`eventName|contains|re: x`))).toMatch(/cannot be combined/);
    expect(refusal(withItem(`eventName|i: x`))).toMatch(/only qualifies \|re/);
    expect(refusal(withItem(`eventName|wide: x`))).toMatch(/before \|base64/);
    expect(refusal(withItem(`sourceIPAddress|cidr: 10.0.0.0/33`))).toMatch(/not an IP range/);
    expect(refusal(withItem(`count|gt: many`))).toMatch(/not a number/);
    expect(refusal(withItem(`errorCode|exists: maybe`))).toMatch(/true or false/);
    expect(refusal(withItem(`eventName: []`))).toMatch(/empty list/);
    expect(refusal(withItem(`eventName: {nested: map}`))).toMatch(/scalar/);
    expect(refusal(withItem(`eventName|contains: null`))).toMatch(/null cannot/);
    expect(refusal(withItem(`cmd|windash|base64: '${'-'.repeat(8)}'`))).toMatch(
      /too many variants/,
    );
  });

  it('rules that are not CloudTrail detections', () => {
    const windows = `title: Windows\nlogsource:\n    product: windows\n    service: security\ndetection:\n    s:\n        EventID: 4625\n    condition: s\n`;
    expect(refusal(windows)).toBe(
      'logsource {product: windows, service: security} is not AWS CloudTrail',
    );
    expect(
      refusal(cloudTrailRule('    s:\n        a: b\n    condition: s', 'description: untitled')),
    ).toBe('rule has no title');
    expect(
      refusal('title: Global\naction: global\nlogsource: {product: aws, service: cloudtrail}\n'),
    ).toMatch(/rule collections/);
    expect(
      refusal(
        'title: Filter\nfilter:\n    rules: [x]\n    selection: {a: b}\n    condition: selection\n',
      ),
    ).toBe('filter has no logsource');
    expect(refusal('- just\n- a list\n')).toBe('YAML document is not a map');
    expect(refusal('title: Nothing\n')).toBe('document has neither detection nor correlation');
    expect(refusal(cloudTrailRule('    s:\n        a: b'))).toBe('detection has no condition');
    const deep = `${'('.repeat(500)}s${')'.repeat(500)}`;
    expect(refusal(cloudTrailRule(`    s:\n        a: b\n    condition: ${deep}`))).toMatch(
      /nests too deeply/,
    );
  });

  it('one bad document does not take its good neighbours down', () => {
    const text = [withItem(`eventName|bogus: x`), withItem('eventName: ListBuckets')].join(
      '\n---\n',
    );
    const { rules, problems } = parseSigmaText(text, 'mixed.yml');
    expect(rules).toHaveLength(1);
    expect(problems).toEqual([
      { file: 'mixed.yml', title: 'Test rule', reason: 'unknown modifier |bogus' },
    ]);
  });
});

describe('loading files and directories', () => {
  const root = mkdtempSync(join(tmpdir(), 'trailhound-sigma-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('walks directories for .yml and .yaml, reports unreadable paths and oversized files', async () => {
    mkdirSync(join(root, 'nested'));
    writeFileSync(join(root, 'a.yml'), withItem('eventName: ListBuckets'));
    writeFileSync(
      join(root, 'nested', 'b.yaml'),
      withItem('eventName: GetObject').replace('Test rule', 'B'),
    );
    writeFileSync(join(root, 'notes.txt'), 'not a rule');
    writeFileSync(
      join(root, 'big.yml'),
      `title: Big\ndescription: '${'x'.repeat(MAX_RULE_FILE_BYTES)}'\n`,
    );
    const missing = join(root, 'missing.yml');
    const { rules, problems } = await loadSigmaRules([root, join(root, 'a.yml'), missing]);
    expect(rules.map((rule) => rule.title).sort()).toEqual(['B', 'Test rule']);
    const reported = problems.map((problem) => [problem.file, problem.reason.split(':')[0]]);
    expect(reported.sort()).toEqual([
      [
        join(root, 'big.yml'),
        `file is ${MAX_RULE_FILE_BYTES + 27} bytes (limit ${MAX_RULE_FILE_BYTES})`,
      ],
      [missing, 'cannot read'],
    ]);
  });

  it('a correlation in one file may use a rule from another; a duplicate id is a problem', async () => {
    const dir = join(root, 'split');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'login.yml'),
      withItem('eventName: ConsoleLogin').replace(
        'title: Test rule',
        'title: Login\nid: login-rule\nname: login',
      ),
    );
    writeFileSync(
      join(dir, 'many.yml'),
      'title: Many logins\ncorrelation:\n    type: event_count\n    rules: [login]\n    group-by: [sourceIPAddress]\n    timespan: 1h\n    condition: {gte: 10}\n',
    );
    writeFileSync(
      join(dir, 'zz-copy.yml'),
      withItem('eventName: ConsoleLogin').replace(
        'title: Test rule',
        'title: Copy\nid: login-rule',
      ),
    );
    const { rules, problems } = await loadSigmaRules([dir]);
    expect(rules.map((rule) => [rule.title, rule.generate])).toEqual([
      ['Login', false],
      ['Many logins', true],
    ]);
    expect(problems).toEqual([
      {
        file: join(dir, 'zz-copy.yml'),
        title: 'Copy',
        reason: `id login-rule is already used by "Login" (${join(dir, 'login.yml')})`,
      },
    ]);
  });
});
