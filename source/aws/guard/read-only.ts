/**
 * `--read-only`: the one place that makes a mutating AWS call impossible. Every client the app
 * builds for a read-only session gets this middleware; it runs first in the client's stack, before
 * serialization, signing or any network traffic, so a refused call never leaves the process. Plans,
 * the TUI and the CLI only ask `isReadOnlyOperation` to show a call as disabled; they never enforce.
 */

/** Prefixes of operations that only read. Anything else is treated as a change. */
const READ_PREFIXES = ['Get', 'List', 'Describe', 'Lookup', 'Head'];

/**
 * Reads by name that still hand out something an attacker could use: new credentials. They stay
 * refused in a read-only session, so "read-only" also means "nothing new is issued".
 */
const ISSUES_CREDENTIALS = new Set([
  'GetSessionToken',
  'GetFederationToken',
  'GetAccessKeyInfo',
  'GetServiceBearerToken',
  'GetWebIdentityToken',
]);

/** Whether `operation` (`UpdateAccessKey`, or the SDK's `UpdateAccessKeyCommand`) only reads. */
export function isReadOnlyOperation(operation: string): boolean {
  const name = operation.replace(/Command$/, '');
  if (ISSUES_CREDENTIALS.has(name)) return false;
  // GetCallerIdentity issues nothing and is how the app learns who it is.
  return READ_PREFIXES.some(
    (prefix) => name.startsWith(prefix) && /^[A-Z0-9]/.test(name.slice(prefix.length)),
  );
}

/** The error a refused call ends in; `describeAwsError` prints its message as it is. */
export class ReadOnlyRefusal extends Error {
  override readonly name = 'ReadOnlyRefusal';
  readonly operation: string;
  constructor(operation: string, reason: string) {
    super(`${operation} was not sent: ${reason}`);
    this.operation = operation;
  }
}

export const READ_ONLY_REASON = 'this session is read-only (--read-only); no mutating call is made';

const GUARD_NAME = 'trailhoundReadOnlyGuard';

interface MiddlewareContext {
  commandName?: string;
}
type Next = (args: unknown) => Promise<unknown>;

/** Any SDK v3 client: each service types its stack with its own inputs, so it is taken as is. */
export interface GuardableClient {
  middlewareStack: object;
}

/** The part of a client's middleware stack the guard uses. */
interface Stack {
  middlewareStack: {
    add: (
      middleware: (next: Next, context: MiddlewareContext) => Next,
      options: { step: 'initialize'; name: string; priority: 'high' },
    ) => void;
    identify: () => string[];
  };
}

const NOTHING_ALLOWED: ReadonlySet<string> = new Set();

/**
 * The one exception, on one client only: `--read-only --accounts` reads member accounts through
 * a role, and STS AssumeRole is how their credentials are had. It issues credentials, so
 * `isReadOnlyOperation` keeps refusing it everywhere else (the caller's own STS client, every
 * containment client); only the client that assumes the reading role is built with this
 * allowance. Containment stays impossible: every client made with the issued credentials carries
 * the full guard, and the session itself is limited to AWS's ReadOnlyAccess policy (see
 * aws/accounts.ts), so AWS refuses a write in it too.
 */
export const ASSUME_ROLE_FOR_READING: ReadonlySet<string> = new Set(['AssumeRole']);

/**
 * Makes `client` refuse every operation that is not a read, with `reason`; `allow` names the
 * operations this one client may send all the same (see ASSUME_ROLE_FOR_READING). Idempotent: a client
 * guarded twice has one guard. Returns the client for chaining.
 */
export function guardReadOnly<T extends GuardableClient>(
  client: T,
  reason = READ_ONLY_REASON,
  allow: ReadonlySet<string> = NOTHING_ALLOWED,
): T {
  if (isGuarded(client)) return client;
  (client as unknown as Stack).middlewareStack.add(
    (next, context) => (args) => {
      const operation = (context.commandName ?? 'an unnamed operation').replace(/Command$/, '');
      if (!isReadOnlyOperation(operation) && !allow.has(operation)) {
        return Promise.reject(new ReadOnlyRefusal(operation, reason));
      }
      return next(args);
    },
    { step: 'initialize', name: GUARD_NAME, priority: 'high' },
  );
  return client;
}

/** Whether the read-only guard is on `client` (the UI shows mutating actions disabled then). */
export function isGuarded(client: GuardableClient): boolean {
  return (client as unknown as Stack).middlewareStack
    .identify()
    .some((entry) => entry.startsWith(GUARD_NAME));
}
