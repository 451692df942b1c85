import type { Target } from '../iam/principal.js';

export type Service = 'iam' | 'lambda' | 'cloudtrail';

/** One API call of a plan, exactly as it will be sent. */
export interface PlannedCall {
  service: Service;
  /** The API operation, `UpdateAccessKey`. */
  operation: string;
  params: Record<string, unknown>;
  /** The same call as an AWS CLI command line, shell-quoted, for the analyst and the runbook. */
  cli: string;
  /** Why this call is in the plan, in a few words. */
  why: string;
}

/** What the verification reads back after a plan ran. */
export type Check =
  | { kind: 'key-status'; user: string; keyId: string; status: 'Active' | 'Inactive' }
  | { kind: 'key-absent'; user: string; keyId: string }
  | { kind: 'attached'; target: Target; policyArn: string; present: boolean }
  | {
      kind: 'inline';
      target: Target;
      policyName: string;
      present: boolean;
      tokenIssueTime?: string;
    }
  | { kind: 'login-profile'; user: string; present: boolean; passwordResetRequired?: boolean }
  | { kind: 'principal-absent'; target: Target }
  | { kind: 'function-concurrency'; functionName: string; value: number }
  | { kind: 'trail-logging'; trailName: string };

export type ActionName =
  | 'deactivate-keys'
  | 'quarantine'
  | 'quarantine-inline'
  | 'revoke-sessions'
  | 'remove-console'
  | 'reset-password'
  | 'delete-keys'
  | 'delete-user'
  | 'delete-role'
  | 'stop-function'
  | 'create-trail'
  | 'reactivate-keys'
  | 'unquarantine'
  | 'unrevoke-sessions';

export interface Plan {
  action: ActionName;
  target: Target;
  /** In order; empty when the state already is what the action wants (nothing left to do). */
  calls: PlannedCall[];
  /** Deletes something: the analyst must type the principal's name to confirm. */
  destructive: boolean;
  /** Changes the account (every action does; a plan with no calls changes nothing). */
  mutating: boolean;
  /** What the analyst should know: skipped keys, sections that could not be read. */
  notes: string[];
  /** Read back after execution. */
  checks: Check[];
}

/** The quarantine policy AWS's playbook attaches to a compromised principal. */
export const QUARANTINE_POLICY_ARN = 'arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV3';
/** The inline deny-all used where a managed policy cannot be attached. */
export const QUARANTINE_INLINE_NAME = 'TrailhoundQuarantineDenyAll';
/** The name the IAM console gives its "revoke active sessions" policy; kept so both agree. */
export const REVOKE_POLICY_NAME = 'AWSRevokeOlderSessions';
