import { describe, expect, it } from 'vitest';
import { distinguishing, statLine } from '../../source/state/profile-format.js';

const terraform = (provider: string, tail: string) =>
  `APN/1.0 HashiCorp/1.0 Terraform/1.1.2 (+https://www.terraform.io) terraform-provider-aws/${provider} (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go/1.44.${tail}`;

describe('values on a profile stay told apart when cut', () => {
  it('seven Terraform user agents alike for 40 characters show where each differs', () => {
    const agents = ['3.74.0', '3.75.1', '3.76.0', '3.76.1', '4.0.0', '4.1.0', '4.2.0'].map((v, i) =>
      terraform(v, String(i)),
    );
    // Today's cut: all seven read the same.
    expect(new Set(agents.map((ua) => ua.slice(0, 39))).size).toBe(1);
    const shown = distinguishing(agents, 40);
    expect(new Set(shown).size).toBe(7);
    for (const [i, text] of shown.entries()) {
      expect(text.length).toBeLessThanOrEqual(40);
      expect(text.startsWith('APN/1.0 …')).toBe(true);
      expect(text).toContain(
        `terraform-provider-aws/${['3.74.0', '3.75.1', '3.76.0', '3.76.1', '4.0.0', '4.1.0', '4.2.0'][i]}`,
      );
    }
  });

  it('a value that fits is shown as it is; one unlike the others loses its middle', () => {
    expect(distinguishing(['aws-cli/2.15.30', 'Boto3/1.26.137'], 40)).toEqual([
      'aws-cli/2.15.30',
      'Boto3/1.26.137',
    ]);
    const [one] = distinguishing(['x'.repeat(30) + 'kali.2024', 'Boto3'], 20);
    expect(one).toMatch(/^x+…x*kali\.2024$/);
  });

  it('a role session keeps its end: the sessions of one role read apart', () => {
    const line = statLine(
      {
        value: 'SecurityAudit/scanner-2025-03-14-nightly-run',
        count: 3,
        errors: 0,
        first: 0,
        last: 0,
      },
      undefined,
      34,
    );
    expect(line.text).toContain('03-14-nightly-run');
    expect(line.text).toMatch(/^ {2}SecurityAudit/);
  });
});
