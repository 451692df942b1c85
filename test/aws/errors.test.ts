import { describe, expect, it } from 'vitest';
import { describeAwsError, PagingStoppedError } from '../../source/aws/errors.js';
import { RequestTimeoutError } from '../../source/aws/http-handler.js';

function sdkError(name: string, message: string, status?: number): Error {
  const error = new Error(message);
  error.name = name;
  Object.assign(error, { $metadata: { httpStatusCode: status } });
  return error;
}

function netError(code: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`connect ${code}`), { code, ...extra });
}

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const TOKEN =
  'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDexampletokenvalue1234567890abcdef';

describe('describeAwsError', () => {
  const context = { call: 'cloudtrail:LookupEvents', region: 'eu-west-1' };

  it('names the profile when no credentials are found', () => {
    const error = sdkError(
      'CredentialsProviderError',
      'Could not load credentials from any providers',
    );
    const line = describeAwsError(error, { ...context, profile: 'incident' });
    expect(line).toContain('cloudtrail:LookupEvents in eu-west-1');
    expect(line).toContain('no AWS credentials found for profile "incident"');
    expect(line).toContain('aws sso login');
  });

  it('says which profile is missing from the config files', () => {
    const error = sdkError(
      'CredentialsProviderError',
      'Profile ghost could not be found in shared credentials file.',
    );
    expect(describeAwsError(error, { call: 'sts:GetCallerIdentity' })).toBe(
      'sts:GetCallerIdentity: profile "ghost" is not in the AWS config or credentials files. Check --profile / AWS_PROFILE, or run "aws configure --profile ghost".',
    );
  });

  it('tells an expired token to re-run aws sso login', () => {
    const error = sdkError(
      'ExpiredTokenException',
      'The security token included in the request is expired',
      400,
    );
    const line = describeAwsError(error, { ...context, profile: 'ir' });
    expect(line).toBe(
      'cloudtrail:LookupEvents in eu-west-1: the session token has expired. Run "aws sso login --profile ir" or refresh the credentials, then try again.',
    );
  });

  it('treats an expired SSO session from the provider as expired', () => {
    const error = sdkError(
      'CredentialsProviderError',
      'The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login',
    );
    expect(describeAwsError(error, context)).toContain('the credentials have expired');
  });

  it('names the missing permission from the call, with the principal', () => {
    const error = sdkError('AccessDenied', 'User is not authorized', 403);
    const line = describeAwsError(error, {
      call: 'iam:DeleteUser',
      region: 'us-east-1',
      principal: 'arn:aws:iam::111122223333:user/analyst',
    });
    expect(line).toBe(
      'iam:DeleteUser in us-east-1: access denied: arn:aws:iam::111122223333:user/analyst is not allowed iam:DeleteUser. Grant iam:DeleteUser to it (or use a profile that has it).',
    );
  });

  it('prefers the permission AWS names in the denial', () => {
    const error = sdkError(
      'AccessDeniedException',
      'User: arn:aws:iam::111122223333:user/a is not authorized to perform: cloudtrail:LookupEvents because no identity-based policy allows it',
      400,
    );
    expect(describeAwsError(error, { call: 'LookupEvents' })).toBe(
      'LookupEvents: access denied: arn:aws:iam::111122223333:user/a is not allowed cloudtrail:LookupEvents. Grant cloudtrail:LookupEvents to it (or use a profile that has it).',
    );
  });

  it('says throttled', () => {
    const line = describeAwsError(sdkError('ThrottlingException', 'Rate exceeded', 400), context);
    expect(line).toMatch(/^cloudtrail:LookupEvents in eu-west-1: throttled by AWS/);
  });

  it('names an unreachable endpoint with its address', () => {
    const refused = netError('ECONNREFUSED', { address: '127.0.0.1', port: 9 });
    expect(describeAwsError(refused, context)).toBe(
      'cloudtrail:LookupEvents in eu-west-1: cannot reach the endpoint 127.0.0.1:9 (ECONNREFUSED). Check the network, proxy, region and --endpoint-url.',
    );
    const unknown = netError('ENOTFOUND', { hostname: 'cloudtrail.nowhere.example' });
    expect(describeAwsError(unknown, context)).toContain('cloudtrail.nowhere.example (ENOTFOUND)');
    // The SDK's handler renames a reset connection TimeoutError: it is no timeout.
    const reset = Object.assign(sdkError('TimeoutError', 'socket hang up'), { code: 'ECONNRESET' });
    expect(describeAwsError(reset, context)).toContain('cannot reach the endpoint (ECONNRESET)');
  });

  it('names the timeout that ran out, its bound, the attempts and the limit to change', () => {
    const connectTimeout = sdkError(
      'TimeoutError',
      '@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of 10000 ms.',
    );
    expect(describeAwsError(connectTimeout, context)).toBe(
      'cloudtrail:LookupEvents in eu-west-1: could not connect to the endpoint within 10 s (connect timeout). Check the network, proxy, region and --endpoint-url, or allow longer with --limit connect-timeout=20000ms.',
    );
    const ours = Object.assign(new RequestTimeoutError(30_000, '127.0.0.1:8443'), {
      $metadata: { attempts: 3 },
    });
    expect(describeAwsError(ours, context)).toBe(
      'cloudtrail:LookupEvents in eu-west-1: the endpoint 127.0.0.1:8443 did not answer within 30 s (request timeout, 3 attempts). Check the network, proxy and --endpoint-url, or allow longer with --limit request-timeout=60000ms.',
    );
    const idle = sdkError(
      'TimeoutError',
      'the request socket timed out after 30000 ms of inactivity',
    );
    expect(describeAwsError(idle, context)).toContain(
      'did not answer within 30 s (request timeout)',
    );
  });

  it("an answer that is not JSON: one plain line, without the SDK's $response hint", () => {
    // As the SDK throws it (checked against a server answering HTML).
    const error = sdkError(
      'SyntaxError',
      `Unexpected token '<', "<html>Bad "... is not valid JSON\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.`,
      502,
    );
    expect(describeAwsError(error, context)).toBe(
      "cloudtrail:LookupEvents in eu-west-1: the endpoint answered with something that is not JSON (HTTP 502). Check --endpoint-url (it must be the service's API endpoint) and any proxy in between, then try again.",
    );
    const other = sdkError(
      'WeirdException',
      'odd\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.',
    );
    expect(describeAwsError(other, context)).not.toContain('$response');
  });

  it('a paging stop is said as it is', () => {
    const error = new PagingStoppedError(
      'stopped after 5 pages (the paging budget; --limit pages=N to change it); the listing is incomplete',
    );
    expect(describeAwsError(error, { call: 'iam:ListAccessKeys' })).toBe(
      'iam:ListAccessKeys: stopped after 5 pages (the paging budget; --limit pages=N to change it); the listing is incomplete',
    );
  });

  it('refused credentials are not mistaken for a denial', () => {
    const error = sdkError(
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
      400,
    );
    expect(describeAwsError(error, context)).toContain('the credentials were refused');
  });

  it('anything else: name and message on one line, no stack, no secret, no control characters', () => {
    const error = sdkError(
      'WeirdException',
      `bad thing\n  at Object.<anonymous> \x1b]0;pwned\x07 aws_secret_access_key=${SECRET} token ${TOKEN}`,
    );
    const line = describeAwsError(error, context);
    expect(line.startsWith('cloudtrail:LookupEvents in eu-west-1: WeirdException: bad thing')).toBe(
      true,
    );
    expect(line).not.toContain('\n');
    expect(line).not.toContain('\x1b');
    expect(line).not.toContain(SECRET);
    expect(line).not.toContain(TOKEN.slice(0, 40));
    expect(line).toContain('[redacted]');
    expect(line).not.toContain(error.stack?.split('\n')[1] ?? 'never');
  });

  it('handles values that are not errors', () => {
    expect(describeAwsError('boom', { call: 'sts:GetCallerIdentity' })).toBe(
      'sts:GetCallerIdentity: Error: boom',
    );
    expect(describeAwsError(undefined, { call: 'x:Y' })).toBe('x:Y: Error: undefined');
  });

  it('keeps ARNs and access key ids readable', () => {
    const error = sdkError(
      'ValidationException',
      'Key AKIAIOSFODNN7EXAMPLE of arn:aws:iam::111122223333:role/service-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef',
    );
    const line = describeAwsError(error, context);
    expect(line).toContain('AKIAIOSFODNN7EXAMPLE');
    expect(line).toContain('AWSReservedSSO_AdministratorAccess_0123456789abcdef');
  });
});
