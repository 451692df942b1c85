import { describe, expect, it } from 'vitest';
import { cliCommand, kebab, shellQuote } from '../../../source/aws/contain/index.js';
import { revokeDocument } from '../../../source/aws/contain/actions/policies.js';

describe('AWS CLI lines', () => {
  it.each([
    ['DeactivateMFADevice', 'deactivate-mfa-device'],
    ['DeleteSSHPublicKey', 'delete-ssh-public-key'],
    ['S3BucketName', 's3-bucket-name'],
    ['ServiceSpecificCredentialId', 'service-specific-credential-id'],
    ['PutFunctionConcurrency', 'put-function-concurrency'],
    ['IsMultiRegionTrail', 'is-multi-region-trail'],
  ])('%s -> %s', (name, expected) => expect(kebab(name)).toBe(expected));

  it('quotes for a POSIX shell only what needs it', () => {
    expect(shellQuote('KeyHunter')).toBe('KeyHunter');
    expect(shellQuote('arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV3')).toBe(
      'arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV3',
    );
    expect(shellQuote('user+x=y,z.w@corp_1-2')).toBe('user+x=y,z.w@corp_1-2');
    expect(shellQuote('it\'s $(rm -rf ~) `x` "q"')).toBe(`'it'\\''s $(rm -rf ~) \`x\` "q"'`);
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('a\nb')).toBe("'a\nb'");
  });

  it('writes the revoke-sessions call as one pasteable line, with globals last', () => {
    const line = cliCommand(
      'iam',
      'PutUserPolicy',
      {
        UserName: 'KeyHunter',
        PolicyName: 'AWSRevokeOlderSessions',
        PolicyDocument: revokeDocument('2026-12-04T12:00:00.000Z'),
      },
      { profile: "incident's", endpointUrl: 'http://127.0.0.1:5000' },
    );
    expect(line).toBe(
      `aws iam put-user-policy --user-name KeyHunter --policy-name AWSRevokeOlderSessions --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["*"],"Resource":["*"],"Condition":{"DateLessThan":{"aws:TokenIssueTime":"2026-12-04T12:00:00.000Z"}}}]}' --profile 'incident'\\''s' --endpoint-url http://127.0.0.1:5000`,
    );
  });

  it('writes booleans as flags and numbers bare', () => {
    expect(
      cliCommand('iam', 'UpdateLoginProfile', { UserName: 'u', PasswordResetRequired: true }),
    ).toBe('aws iam update-login-profile --user-name u --password-reset-required');
    expect(cliCommand('cloudtrail', 'CreateTrail', { Name: 't', IsMultiRegionTrail: false })).toBe(
      'aws cloudtrail create-trail --name t --no-is-multi-region-trail',
    );
    expect(
      cliCommand(
        'lambda',
        'PutFunctionConcurrency',
        { FunctionName: 'f', ReservedConcurrentExecutions: 0 },
        { region: 'eu-west-1' },
      ),
    ).toBe(
      'aws lambda put-function-concurrency --function-name f --reserved-concurrent-executions 0 --region eu-west-1',
    );
  });
});
