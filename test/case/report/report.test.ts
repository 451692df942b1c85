import { describe, expect, it } from 'vitest';
import {
  renderHtml,
  renderJson,
  renderMarkdown,
  reportModel,
} from '../../../source/case/report/index.js';
import { ATTACKER_IP, chain, keyHunterCase, keyHunterInput, noMfa, steps } from './keyhunter.js';
import { section, tables } from './markdown-tables.js';

const SECTIONS = [
  'Summary',
  'Timeline',
  'Indicators of compromise',
  'Affected resources',
  'Findings',
  'Actions taken',
  'Checklist',
  'Recommendations',
];

describe('the KeyHunter report in Markdown', () => {
  const markdown = renderMarkdown(keyHunterInput());

  it('has the sections in order, each once', () => {
    const headings = markdown.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual(SECTIONS.map((name) => `## ${name}`));
    expect(markdown.startsWith('# Incident report: KeyHunter in the console\n')).toBe(true);
  });

  it('summarises status, what, when, who and the times to detect and contain', () => {
    const summary = section(markdown, 'Summary').join('\n');
    expect(summary).toContain(
      '- **Status:** contained: containment verified against AWS 2024-03-01 11:30:05 UTC',
    );
    expect(summary).toContain(`high severity: ${chain.title}`);
    expect(summary).toContain(
      'first suspicious event 2024-03-01 10:00:00 UTC, last 2024-03-01 10:05:10 UTC',
    );
    expect(summary).toContain('- **Who:** KeyHunter');
    // 10:00 login → 10:44 the case's first action (KeyHunter marked); → 11:30 the key's
    // deactivation verified; the evidence runs 10:00 to 10:05.
    expect(summary).toContain('- **Dwell time:** 5 min');
    expect(summary).toContain('- **Time to detect:** 44 min');
    expect(summary).toContain('- **Time to contain:** 1 h 30 min');
  });

  it('lists the timeline in time order with why each event is there', () => {
    const [header, separator, ...rows] = tables(section(markdown, 'Timeline').join('\n'))[0]!;
    expect(header).toEqual([
      'Time (UTC)',
      'Principal',
      'Source IP',
      'Event',
      'Target',
      'Outcome',
      'Why it is here',
      'Analyst note',
    ]);
    expect(separator!.every((cell) => cell === '---')).toBe(true);
    expect(rows.map((row) => row.slice(0, 6))).toEqual([
      ['2024-03-01 10:00:00', 'KeyHunter', ATTACKER_IP, 'ConsoleLogin', '—', 'ok'],
      ['2024-03-01 10:02:30', 'KeyHunter', ATTACKER_IP, 'ListBuckets', '—', 'ok'],
      // The object, not also its bucket: the object's name says which bucket.
      [
        '2024-03-01 10:05:10',
        'KeyHunter',
        ATTACKER_IP,
        'GetObject',
        'dora-cloudbucket/Threat Intelligence.docx',
        'ok',
      ],
    ]);
    expect(rows[0]![6]).toBe(`pinned; ${noMfa.title}; ${chain.title}`);
    expect(rows[1]![6]).toBe(chain.title);
    expect(rows[2]![7]).toBe('the sensitive read');
  });

  it('locates the attacker address with the real IP data', () => {
    const ipRow = tables(section(markdown, 'Indicators of compromise').join('\n'))
      .flat()
      .find((row) => row[0] === ATTACKER_IP);
    expect(ipRow?.[1]).toContain('Nigeria (NG)');
    expect(ipRow?.[2]).toMatch(/^AS\d+ /);
    expect(ipRow?.[3]).toBe('no');
    expect(ipRow?.[4]).toBe('yes');
  });

  it('names the principal, the key and the user agents as indicators', () => {
    const text = section(markdown, 'Indicators of compromise').join('\n');
    expect(text).toContain('| KeyHunter | yes: no such employee | 3 |');
    expect(text).toContain('| AKIAKEYHUNTEREXAMPLE | yes: console key | 2 | KeyHunter |');
    expect(text).toContain('| \\[S3Console/0.4\\] | 2 | KeyHunter |');
  });

  it('lists the object read once, by its ARN', () => {
    const rows = tables(section(markdown, 'Affected resources').join('\n'))[0]!.slice(2);
    expect(rows.map((row) => row[0])).toEqual([
      'arn:aws:s3:::dora-cloudbucket/Threat Intelligence.docx',
      'arn:aws:s3:::dora-cloudbucket',
    ]);
    expect(rows[0]![1]).toBe('GetObject');
  });

  it('describes findings with ATT&CK names, the version once, and verdicts', () => {
    const text = section(markdown, 'Findings').join('\n');
    expect(text.match(/ATT&CK v17/g)).toHaveLength(1);
    expect(text).toContain('T1530 Data from Cloud Storage (Collection)');
    expect(text).toContain('- **Verdict:** acknowledged: not our admin');
    // Most severe first.
    expect(text.indexOf(`### HIGH: ${chain.title}`)).toBeLessThan(
      text.indexOf(`### MEDIUM: ${noMfa.title}`),
    );
  });

  it('lists the actions from the audit log in time order', () => {
    const rows = tables(section(markdown, 'Actions taken').join('\n'))[0]!.slice(2);
    expect(rows.map((row) => [row[0], row[2]])).toEqual([
      ['2024-03-01 10:44:00', 'marked suspect'],
      ['2024-03-01 10:50:00', 'pinned event'],
      ['2024-03-01 11:30:00', 'deactivated access key'],
      ['2024-03-01 11:30:05', 'containment verified'],
    ]);
  });

  it('shows every checklist step with its state, grouped by phase', () => {
    const text = section(markdown, 'Checklist').join('\n');
    expect(text.indexOf('### Phase 1: Triage')).toBeLessThan(
      text.indexOf('### Phase 2: Containment'),
    );
    const rows = tables(text).flatMap((table) => table.slice(2));
    expect(rows.map((row) => [row[0], row[1], row[2]])).toEqual([
      ['Scope what the principal did', 'done', 'ana'],
      ['Check how the principal signed in', 'to do', '—'],
      ['Deactivate the principal’s access keys', 'done', 'ana'],
      ['Revoke active sessions', 'skipped', 'ana'],
      ['Reset the console password', 'to do', '—'],
    ]);
    expect(rows[3]![5]).toBe('console session only, password reset ends it');
    expect(rows[0]![4]).toBe('login, list, one object read');
  });
});

describe('the report as data', () => {
  it('writes JSON that parses and holds every section', () => {
    const parsed = JSON.parse(renderJson(keyHunterInput())) as Record<string, unknown>;
    expect(parsed.kind).toBe('trailhound-incident-report');
    for (const key of [
      'summary',
      'timeline',
      'indicators',
      'resources',
      'findings',
      'actions',
      'checklist',
      'recommendations',
    ])
      expect(parsed).toHaveProperty(key);
    expect(parsed).toEqual(JSON.parse(JSON.stringify(reportModel(keyHunterInput()))));
  });

  it('measures detection and containment in milliseconds too', () => {
    const { summary } = reportModel(keyHunterInput());
    expect(summary.timeToDetect).toEqual({ milliseconds: 44 * 60_000, text: '44 min' });
    expect(summary.dwellTime).toEqual({ milliseconds: 5 * 60_000 + 10_000, text: '5 min' });
    expect(summary.timeToContain?.milliseconds).toBe(90 * 60_000 + 5_000);
    expect(summary.status).toBe('contained');
  });

  it('works from the case file alone: pinned records, no logs, no findings', () => {
    const report = reportModel(keyHunterInput({ events: [], findings: [] }));
    expect(report.timeline.map((entry) => entry.eventName)).toEqual(['ConsoleLogin', 'GetObject']);
    expect(report.timeline.every((entry) => entry.pinned)).toBe(true);
    expect(report.summary.status).toBe('contained');
    expect(report.summary.what).toEqual([]);
    expect(report.summary.firstSuspicious).toBe('2024-03-01T10:00:00.000Z');
    expect(report.indicators.ips[0]?.country).toBe('NG');
    expect(report.recommendations.every((recommendation) => recommendation.standing)).toBe(true);
    expect(renderMarkdown(keyHunterInput({ events: [], findings: [] }))).toContain(
      'No findings: detections did not run',
    );
  });

  it('is investigating until containment is verified; boxes ticked by hand say so', () => {
    const file = keyHunterCase();
    file.audit = file.audit.filter((entry) => entry.action !== 'containment verified');
    const report = reportModel(keyHunterInput({ case: file }));
    expect(report.summary.status).toBe('investigating');
    expect(report.summary.timeToContain).toBeNull();
    const markdown = renderMarkdown(keyHunterInput({ case: file }));
    // The key's step is ticked done, but nothing was read back from AWS.
    expect(markdown).toContain(
      '- **Status:** investigating: 1 of 2 containment steps marked done by hand, none verified',
    );
    expect(markdown).toContain(
      '- **Time to contain:** not contained yet (no containment verified against AWS)',
    );
    delete file.steps['deactivate-keys'];
    expect(renderMarkdown(keyHunterInput({ case: file }))).toContain(
      '- **Status:** investigating\n',
    );
  });

  it('counts `trailhound contain` read-backs as verified only when every check held', () => {
    const file = keyHunterCase();
    file.audit = file.audit.filter((entry) => entry.action !== 'containment verified');
    const failed = {
      at: '2024-03-01T11:40:00Z',
      by: 'ana',
      action: 'verified deactivate-keys',
      detail: 'as arn:aws:iam::111122223333:user/ana: FAILED: access key still active',
    };
    file.audit.push(failed);
    expect(reportModel(keyHunterInput({ case: file })).summary.status).toBe('investigating');
    file.audit.push({ ...failed, at: '2024-03-01T11:45:00Z', detail: 'as ana: ok: key inactive' });
    const { summary } = reportModel(keyHunterInput({ case: file }));
    expect(summary.status).toBe('contained');
    expect(summary.containedAt).toBe('2024-03-01T11:45:00Z');
  });

  it('gives no time to detect or contain for a case worked after the fact', () => {
    const file = keyHunterCase();
    // The same evidence opened 21 months later, as the demo is today.
    for (const entry of file.audit) entry.at = entry.at.replace('2024-03-01', '2025-12-07');
    file.findings['console-login-without-mfa|KeyHunter']!.at = '2025-12-07T10:45:00Z';
    for (const progress of Object.values(file.steps))
      progress.changedAt = progress.changedAt.replace('2024-03-01', '2025-12-07');
    const report = reportModel(keyHunterInput({ case: file }));
    expect(report.summary.workedDuringIncident).toBe(false);
    expect(report.summary.timeToDetect).toBeNull();
    expect(report.summary.timeToContain).toBeNull();
    expect(report.summary.dwellTime?.text).toBe('5 min');
    const markdown = renderMarkdown(keyHunterInput({ case: file }));
    expect(markdown).toContain(
      '- **Analysed after the fact:** the evidence ends 2024-03-01 10:05:10 UTC; the case was first worked 2025-12-07 10:44:00 UTC, so no time to detect or contain is given',
    );
    expect(markdown).not.toMatch(/Time to detect/);
  });

  it('keeps a dismissed finding listed but out of the summary', () => {
    const report = reportModel(
      keyHunterInput({
        findings: [noMfa, { ...chain, verdict: 'dismissed', verdictReason: 'red team' }],
      }),
    );
    expect(report.summary.what).toEqual([noMfa.title]);
    expect(report.summary.dismissedFindings).toBe(1);
    expect(report.findings.at(-1)?.verdict).toBe('dismissed');
  });

  it('keeps a Sigma rule’s author and references', () => {
    const sigma = {
      ...noMfa,
      ruleId: 'sigma:4d5ed5d7-5d5c-4ee0-8b2a-9a8e2f5b2c11',
      title: 'AWS console login by a rare user',
      verdict: undefined,
      verdictReason: undefined,
      sigma: { author: 'A. Analyst', references: ['https://example.org/rule-notes'] },
    };
    const markdown = renderMarkdown(keyHunterInput({ findings: [sigma] }));
    expect(markdown).toContain('- **Sigma rule author:** A. Analyst');
    expect(markdown).toContain(
      '- **Sigma rule references:** https:\u2060//example\\.org/rule-notes',
    );
    expect(renderHtml(keyHunterInput({ findings: [sigma] }))).toContain(
      '<dt>Sigma rule references</dt><dd>https://example.org/rule-notes</dd>',
    );
  });

  it('keeps progress on steps the playbook no longer has', () => {
    const file = keyHunterCase();
    file.steps['old-step'] = {
      state: 'not-applicable',
      reason: '',
      note: 'from an older playbook',
      evidence: [],
      changedBy: 'ana',
      changedAt: '2024-03-01T11:40:00Z',
    };
    const report = reportModel(keyHunterInput({ case: file }));
    expect(report.checklist.at(-1)).toMatchObject({
      title: 'Not in the current playbook',
      steps: [{ id: 'old-step', state: 'not-applicable' }],
    });
    expect(report.checklist).toHaveLength(4);
  });

  it('shows every playbook step even when nothing was recorded', () => {
    const file = keyHunterCase();
    file.steps = {};
    const report = reportModel(keyHunterInput({ case: file }));
    expect(report.checklist.flatMap((phase) => phase.steps)).toHaveLength(steps.length);
    expect(
      report.checklist.flatMap((phase) => phase.steps).every((step) => step.state === 'todo'),
    ).toBe(true);
  });
});

describe('the KeyHunter report in HTML', () => {
  const html = renderHtml(keyHunterInput());

  it('is one self-contained page: no scripts, no links, no external resources', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<a\s|\ssrc=|\shref=|url\(|@import/i);
    expect(html).toContain("default-src 'none'");
  });

  it('has the sections and the story', () => {
    for (const name of SECTIONS) expect(html).toContain(`<h2>${name.replace('&', '&amp;')}</h2>`);
    expect(html).toContain('<td>GetObject</td>');
    expect(html).toContain('Nigeria (NG)');
    expect(html).toContain('ATT&amp;CK v17');
    expect(html).toContain('<td class="tone-good">done</td>');
  });
});
