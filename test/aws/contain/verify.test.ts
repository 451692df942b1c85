import { describe, expect, it } from 'vitest';
import {
  checkLabel,
  evaluateChecks,
  type Check,
  type TargetState,
} from '../../../source/aws/contain/index.js';
import { revokeDocument } from '../../../source/aws/contain/actions/policies.js';
import type { UserInventory } from '../../../source/aws/iam/index.js';

const user = (overrides: Partial<UserInventory>): TargetState => ({
  kind: 'user',
  name: 'KeyHunter',
  inventory: {
    kind: 'user',
    name: 'KeyHunter',
    arn: '',
    id: '',
    path: '/',
    accountId: '123456789012',
    createdAt: undefined,
    passwordLastUsed: undefined,
    permissionsBoundary: undefined,
    loginProfile: null,
    accessKeys: [],
    mfaDevices: [],
    groups: [],
    groupPolicies: [],
    attachedPolicies: [],
    inlinePolicies: [],
    tags: [],
    signingCertificates: [],
    sshPublicKeys: [],
    serviceCredentials: [],
    gaps: [],
    readAt: '',
    ...overrides,
  },
});
const target = { kind: 'user', name: 'KeyHunter' } as const;

describe('verification (pure: checks against a state just read)', () => {
  it('judges each check and names what it found', () => {
    const state = user({
      accessKeys: [
        {
          id: 'AKIA1',
          status: 'Inactive',
          createdAt: undefined,
          lastUsedAt: undefined,
          lastUsedService: undefined,
          lastUsedRegion: undefined,
        },
      ],
      loginProfile: { createdAt: undefined, passwordResetRequired: false },
      inlinePolicies: [
        {
          name: 'AWSRevokeOlderSessions',
          text: '',
          document: JSON.parse(revokeDocument('2026-12-04T11:00:00.000Z')),
        },
      ],
    });
    const checks: Check[] = [
      { kind: 'key-status', user: 'KeyHunter', keyId: 'AKIA1', status: 'Inactive' },
      { kind: 'key-absent', user: 'KeyHunter', keyId: 'AKIA1' },
      {
        kind: 'attached',
        target,
        policyArn: 'arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV3',
        present: true,
      },
      // A cutoff older than the one asked for leaves later sessions alive: not verified.
      {
        kind: 'inline',
        target,
        policyName: 'AWSRevokeOlderSessions',
        present: true,
        tokenIssueTime: '2026-12-04T12:00:00.000Z',
      },
      { kind: 'login-profile', user: 'KeyHunter', present: false },
      { kind: 'principal-absent', target },
    ];
    expect(evaluateChecks(checks, state).map((r) => [checkLabel(r.check), r.ok, r.detail])).toEqual(
      [
        ['AKIA1 Inactive', true, 'AKIA1 is Inactive'],
        ['AKIA1 deleted', false, 'AKIA1 still exists'],
        [
          'AWSCompromisedKeyQuarantineV3 attached',
          false,
          'AWSCompromisedKeyQuarantineV3 not attached',
        ],
        [
          'AWSRevokeOlderSessions in place',
          false,
          'AWSRevokeOlderSessions denies sessions issued before 2026-12-04T11:00:00.000Z',
        ],
        ['no console password', false, 'console password still exists'],
        ['user KeyHunter deleted', false, 'user KeyHunter still exists'],
      ],
    );
    expect(
      evaluateChecks([{ kind: 'principal-absent', target }], {
        kind: 'user',
        name: 'KeyHunter',
        inventory: null,
      })[0]!.ok,
    ).toBe(true);
  });
});
