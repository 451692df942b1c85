import { describe, expect, it } from 'vitest';
import {
  renderMarkdown,
  reportModel,
  type ReportFinding,
} from '../../../source/case/report/index.js';
import { chain, keyHunterInput, noMfa } from './keyhunter.js';

function finding(ruleId: string, overrides: Partial<ReportFinding> = {}): ReportFinding {
  return {
    ruleId,
    title: `finding of ${ruleId}`,
    severity: 'high',
    techniques: [],
    principal: 'KeyHunter',
    first: '2024-03-01T10:00:00.000Z',
    last: '2024-03-01T10:00:00.000Z',
    summary: '',
    ...overrides,
  };
}

function recommended(findings: ReportFinding[]): string[] {
  return reportModel(keyHunterInput({ findings }))
    .recommendations.filter((recommendation) => !recommendation.standing)
    .map((recommendation) => recommendation.id);
}

describe('recommendations', () => {
  it('follow from the KeyHunter findings and nothing else', () => {
    expect(recommended([noMfa, chain])).toEqual(['enforce-mfa', 'protect-data']);
  });

  it.each([
    ['console-login-without-mfa', 'enforce-mfa'],
    ['iam-admin-policy-attached', 'least-privilege'],
    ['cloudtrail-stop-logging', 'protect-logging'],
    ['cloudtrail-delete-trail', 'protect-logging'],
    ['cloudtrail-trail-changed', 'protect-logging'],
    ['access-key-multiple-ips', 'rotate-keys'],
    ['key-created-then-used-elsewhere', 'rotate-keys'],
    ['iam-rogue-user-created', 'access-review'],
    ['lambda-function-modified', 'lambda-code-signing'],
  ])('%s calls for %s', (ruleId, id) => {
    expect(recommended([finding(ruleId)])).toEqual([id]);
  });

  it('are not made for a dismissed finding', () => {
    expect(recommended([finding('iam-admin-policy-attached', { verdict: 'dismissed' })])).toEqual(
      [],
    );
  });

  it('follow a Sigma finding by its ATT&CK technique', () => {
    expect(
      recommended([finding('sigma:0000', { techniques: ['t1562.008'], title: 'Trail stopped' })]),
    ).toEqual(['protect-logging']);
  });

  it('always close with standing prevention, without repeating the logging advice', () => {
    const standing = (findings: ReportFinding[]) =>
      reportModel(keyHunterInput({ findings }))
        .recommendations.filter((recommendation) => recommendation.standing)
        .map((recommendation) => recommendation.id);
    expect(standing([])).toEqual([
      'standing-guardduty',
      'standing-security-hub',
      'standing-cloudtrail',
    ]);
    expect(standing([finding('cloudtrail-stop-logging')])).toEqual([
      'standing-guardduty',
      'standing-security-hub',
    ]);
  });

  it('appear in Markdown only when their findings are there', () => {
    const quiet = renderMarkdown(keyHunterInput({ findings: [noMfa] }));
    expect(quiet).toContain('### Require MFA for every console user');
    expect(quiet).toContain('Because of: Console login without MFA.');
    expect(quiet).not.toContain('AdministratorAccess');
    expect(quiet).not.toContain('code signing');
    expect(quiet).not.toContain('Rotate exposed access keys');
    expect(quiet).toContain('### Standing prevention');

    const admin = renderMarkdown(
      keyHunterInput({ findings: [noMfa, finding('iam-admin-policy-attached')] }),
    );
    expect(admin).toContain('### Remove AdministratorAccess and grant least privilege');
  });
});
