/**
 * One line (two at most) for any error an AWS call can end in: which call, where, as whom, what
 * happened and what the analyst can do about it. The SDK's own errors are written for developers
 * (class names, stack traces, nested causes); an analyst mid-incident needs the next step.
 *
 * Nothing secret may come out of here: error messages from an endpoint or a credential provider
 * are treated as untrusted text (control characters escaped, anything shaped like a secret key or
 * a session token blanked) and never carry a stack.
 */
import { formatLimit, limits } from '../trail/limits.js';
import { sanitizeText } from '../trail/sanitize.js';

export interface AwsErrorContext {
  /** The IAM permission form of the call, `service:Action` (`cloudtrail:LookupEvents`). */
  call: string;
  region?: string;
  /** The caller's ARN, when GetCallerIdentity has told us. */
  principal?: string;
  /** The profile that was asked for (defaults to AWS_PROFILE, then `default`). */
  profile?: string;
}

interface ErrorFacts {
  name: string;
  message: string;
  code: string;
  status: number | undefined;
  hostname: string;
  /** Attempts the SDK made, retries included. */
  attempts: number | undefined;
}

/**
 * A paged read that trailhound itself stopped (its page or time budget ran out, or the endpoint
 * handed back a token it had sent before); the message says which and what to do.
 */
export class PagingStoppedError extends Error {
  override readonly name = 'PagingStoppedError';
}

/** The SDK's hint appended to errors it could not parse, written for developers. */
const SDK_HINT = /\s*Deserialization error: to see the raw response[^\n]*/g;

const MAX_MESSAGE = 240;

const EXPIRED = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'TokenRefreshRequired',
  'RequestExpired',
]);
const REJECTED = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'MissingAuthenticationToken',
]);
const DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'NotAuthorized',
]);
const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'LimitExceededException',
]);
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
]);

export function describeAwsError(error: unknown, context: AwsErrorContext): string {
  const facts = factsOf(error);
  const where = whereText(context);
  const message = cleanMessage(facts.message);
  const credentialError =
    facts.name === 'CredentialsProviderError' || facts.name === 'TokenProviderError';

  if (facts.name === 'AbortError' || facts.code === 'ABORT_ERR') return `${where}: cancelled.`;
  if (facts.name === 'PagingStoppedError') return `${where}: ${message}`;

  const timeout = timeoutKind(error, facts);
  const host = facts.hostname ? ` ${cleanMessage(facts.hostname)}` : '';
  if (timeout === 'connect') {
    const bound = limits().connectTimeout;
    return `${where}: could not connect to the endpoint${host} within ${formatLimit('ms', bound)} (connect timeout${attemptsText(facts)}). Check the network, proxy, region and --endpoint-url, or allow longer with --limit connect-timeout=${bound * 2}ms.`;
  }
  if (timeout === 'request') {
    const bound = limits().requestTimeout;
    return `${where}: the endpoint${host} did not answer within ${formatLimit('ms', bound)} (request timeout${attemptsText(facts)}). Check the network, proxy and --endpoint-url, or allow longer with --limit request-timeout=${bound * 2}ms.`;
  }
  if (facts.name === 'ResponseTooLargeError') {
    const bound = limits().responseBytes;
    return `${where}: the endpoint${host} sent an answer larger than ${formatLimit('bytes', bound)}, more than AWS sends for this call. Check --endpoint-url, or allow more with --limit response-bytes=${formatLimit('bytes', bound * 2).replace(/ /g, '')}.`;
  }
  if (facts.name === 'SyntaxError' || /Deserialization error/.test(facts.message)) {
    const status = facts.status === undefined ? '' : ` (HTTP ${facts.status})`;
    return `${where}: the endpoint answered with something that is not JSON${status}. Check --endpoint-url (it must be the service's API endpoint) and any proxy in between, then try again.`;
  }

  if (credentialError && /expired|re-?authenticate|refresh/i.test(facts.message)) {
    return `${where}: the credentials have expired (${message}). Run "aws sso login${profileFlag(context)}" or refresh the credentials, then try again.`;
  }
  if (credentialError) {
    const profile = profileName(context);
    const missing = /Profile (\S+) (could not be found|was not found)/i.exec(facts.message);
    if (missing) {
      return `${where}: profile "${cleanMessage(missing[1] ?? profile)}" is not in the AWS config or credentials files. Check --profile / AWS_PROFILE, or run "aws configure --profile ${cleanMessage(missing[1] ?? profile)}".`;
    }
    return `${where}: no AWS credentials found for profile "${cleanMessage(profile)}" (${message}). Run "aws configure" or "aws sso login", set --profile / AWS_PROFILE, or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.`;
  }
  if (
    EXPIRED.has(facts.name) ||
    /security token included in the request is expired/i.test(facts.message)
  ) {
    if (facts.name === 'RequestExpired') {
      return `${where}: the request was signed too long ago (${message}). Check this machine's clock.`;
    }
    return `${where}: the session token has expired. Run "aws sso login${profileFlag(context)}" or refresh the credentials, then try again.`;
  }
  if (REJECTED.has(facts.name)) {
    return `${where}: the credentials were refused (${facts.name}: ${message}). The access key may be deleted or deactivated, or the secret wrong; check the profile's keys.`;
  }
  if (DENIED.has(facts.name) || facts.status === 403) {
    const permission = deniedPermission(facts.message) ?? permissionOf(context.call);
    const named = context.principal ?? /User: (arn:\S+) is not authorized/.exec(facts.message)?.[1];
    const who = named ? cleanMessage(named) : 'the identity in use';
    return `${where}: access denied: ${who} is not allowed ${permission}. Grant ${permission} to it (or use a profile that has it).`;
  }
  if (THROTTLED.has(facts.name) || facts.status === 429) {
    return `${where}: throttled by AWS after retries (${facts.name}). Wait a little and try again, or narrow the request (fewer regions, a shorter time range).`;
  }
  if (
    UNREACHABLE.has(facts.code) ||
    facts.name === 'TimeoutError' ||
    facts.name === 'RequestTimeout'
  ) {
    const what = facts.code || facts.name;
    return `${where}: cannot reach the endpoint${host} (${what}). Check the network, proxy, region and --endpoint-url.`;
  }
  const name = cleanMessage(facts.name || 'Error');
  return message ? `${where}: ${name}: ${message}` : `${where}: ${name}.`;
}

/** `service:Action` as the IAM permission; a bare action or `ActionCommand` is named as it is. */
export function permissionOf(call: string): string {
  const trimmed = call.trim().replace(/Command$/, '');
  return cleanMessage(trimmed);
}

function whereText(context: AwsErrorContext): string {
  const parts = [cleanMessage(context.call)];
  if (context.region) parts.push(`in ${cleanMessage(context.region)}`);
  return parts.join(' ');
}

function profileName(context: AwsErrorContext): string {
  return context.profile ?? process.env['AWS_PROFILE'] ?? 'default';
}

function profileFlag(context: AwsErrorContext): string {
  const profile = context.profile ?? process.env['AWS_PROFILE'];
  return profile ? ` --profile ${cleanMessage(profile)}` : '';
}

/** AWS names the action in its denial ("not authorized to perform: iam:DeleteUser on ..."). */
function deniedPermission(message: string): string | undefined {
  const match = /perform:?\s+([a-z0-9-]+:[A-Za-z0-9*]+)/.exec(message);
  return match?.[1];
}

function factsOf(error: unknown): ErrorFacts {
  if (typeof error !== 'object' || error === null) {
    return {
      name: 'Error',
      message: String(error),
      code: '',
      status: undefined,
      hostname: '',
      attempts: undefined,
    };
  }
  const record = error as Record<string, unknown>;
  const cause =
    typeof record['cause'] === 'object' && record['cause'] !== null
      ? (record['cause'] as Record<string, unknown>)
      : undefined;
  const metadata = record['$metadata'] as
    { httpStatusCode?: unknown; attempts?: unknown } | undefined;
  const code = stringOf(record['code']) || stringOf(cause?.['code']);
  return {
    name: stringOf(record['name']) || stringOf(record['Code']) || 'Error',
    message: stringOf(record['message']) || stringOf(record['Message']),
    code,
    status: typeof metadata?.httpStatusCode === 'number' ? metadata.httpStatusCode : undefined,
    attempts: typeof metadata?.attempts === 'number' ? metadata.attempts : undefined,
    hostname:
      stringOf(record['hostname']) ||
      hostAndPort(record) ||
      stringOf(cause?.['hostname']) ||
      (cause ? hostAndPort(cause) : ''),
  };
}

/**
 * A request that ran out of time, and which clock: ours (aws/http-handler) says so; the SDK's
 * handler names its connect timeout in the message, and also renames ECONNRESET and EPIPE to
 * TimeoutError, which are not timeouts.
 */
function timeoutKind(error: unknown, facts: ErrorFacts): 'connect' | 'request' | undefined {
  const kind = (error as { timeoutKind?: unknown } | null)?.timeoutKind;
  if (kind === 'connect' || kind === 'request') return kind;
  if (facts.name !== 'TimeoutError' || facts.code === 'ECONNRESET' || facts.code === 'EPIPE')
    return undefined;
  if (/establish a connection/i.test(facts.message)) return 'connect';
  return /timed out|timeout/i.test(facts.message) ? 'request' : undefined;
}

function attemptsText(facts: ErrorFacts): string {
  return facts.attempts !== undefined && facts.attempts > 1 ? `, ${facts.attempts} attempts` : '';
}

function hostAndPort(record: Record<string, unknown>): string {
  const address = stringOf(record['address']);
  if (!address) return '';
  const port = record['port'];
  return typeof port === 'number' ? `${address}:${port}` : address;
}

function stringOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * Untrusted text to one safe line: whitespace folded, secrets blanked, terminal controls
 * escaped, length capped. A secret access key is 40 base64 characters and a session token
 * hundreds; ARNs, key ids and request ids are broken up by `:`, `_` or `-` or are shorter, so a
 * long unbroken base64 run with both letters and digits is taken for a secret.
 */
export function cleanMessage(text: string): string {
  let line = text.replace(SDK_HINT, '').replace(/\s+/g, ' ').trim();
  line = line.replace(
    /(aws_secret_access_key|aws_session_token|secretAccessKey|sessionToken|SecretAccessKey|SessionToken)(["']?\s*[:=]\s*["']?)[^\s"',;]+/gi,
    '$1$2[redacted]',
  );
  line = line.replace(/[A-Za-z0-9/+=]{40,}/g, (run) =>
    /\d/.test(run) && /[A-Za-z]/.test(run) ? '[redacted]' : run,
  );
  if (line.length > MAX_MESSAGE) line = `${line.slice(0, MAX_MESSAGE - 1)}…`;
  return sanitizeText(line);
}
