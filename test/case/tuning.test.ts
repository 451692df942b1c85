import { describe, expect, it } from 'vitest';
import { emptyCase } from '../../source/case/model.js';
import { findCaseProblem } from '../../source/case/validate-case.js';

describe("the case's tuning", () => {
  it('cases from before tuning still open; entries are checked as a tuning file is', () => {
    const { tuning: _, ...old } = emptyCase('c1', 'old case', new Date('2025-03-01T00:00:00Z'));
    expect(findCaseProblem(old)).toBeNull();
    const withEntry = (entry: unknown) => ({ ...old, tuning: [entry] });
    expect(
      findCaseProblem(
        withEntry({ kind: 'suppress', rule: 'discovery-burst', principal: 'x', reason: 'r' }),
      ),
    ).toBeNull();
    expect(findCaseProblem(withEntry({ kind: 'network', cidr: '10.0.0.0/40' }))).toBe(
      'tuning[0]: cidr "10.0.0.0/40" is not an address or CIDR',
    );
    expect(findCaseProblem(withEntry({ kind: 'mute' }))).toBe(
      'tuning[0].kind should be one of network, role, account, suppress, filter',
    );
    expect(findCaseProblem({ ...old, tuning: 'all' })).toBe('tuning should be a list');
  });
});

describe('the report names the tuning used', () => {
  it('under Findings: how many were suppressed, and each entry in force (escaped)', async () => {
    const { renderMarkdown } = await import('../../source/case/report/index.js');
    const { keyHunterInput } = await import('./report/keyhunter.js');
    const markdown = renderMarkdown({
      ...keyHunterInput(),
      tuning: {
        used: ['tuning.yml roles[0]: ci role ci-deployer expected: iam-write from 203.0.113.0/24'],
        suppressed: 3,
      },
    });
    const at = markdown.indexOf('### Tuning used');
    expect(at).toBeGreaterThan(markdown.indexOf('## Findings'));
    expect(at).toBeLessThan(markdown.indexOf('## Actions taken'));
    expect(markdown.slice(at)).toMatch(
      /^### Tuning used\n\n3 finding\(s\) were suppressed by tuning and are not listed above\.\n\n- tuning\.yml roles\\\[0\\\]: ci role ci-deployer/,
    );
    expect(renderMarkdown(keyHunterInput())).not.toContain('Tuning used');
  });
});
