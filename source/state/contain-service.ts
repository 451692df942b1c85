/**
 * What the store needs from the containment core (source/aws), as an interface: the TUI never
 * calls AWS itself. cli.tsx builds the real service over a live connection; tests hand in a fake.
 * Everything crossing it is plain data for the screen and the audit log.
 */
export type ContainKind = 'user' | 'role' | 'function';

/** The identity (or Lambda function) a containment acts on. */
export interface ContainTarget {
  kind: ContainKind;
  name: string;
  /**
   * The principal's own account (from its ARN, else the events' recipient account), where the
   * containment acts: through the session's role when it is not the caller's (--accounts).
   */
  account?: string;
}

/** One action the analyst can pick. */
export interface ContainChoice {
  /** Stable id, e.g. `deactivate-keys`, `quarantine`, `delete-user`, `undo-quarantine`. */
  id: string;
  label: string;
  /** Deletes something: the analyst types the target's name to confirm. */
  destructive: boolean;
  /** Why it cannot be picked now (read-only session, not connected), when so. */
  disabled?: string;
  /** The playbook step it settles once it ran and verified. */
  stepId?: string;
}

/** A plan: the calls still to make, read from the account's current state. */
export interface ContainPlanView {
  /** Each call still to make, as the equivalent AWS CLI command. */
  commands: string[];
  /** What is already so and will not be called again (a re-run after a partial failure). */
  done: string[];
  destructive: boolean;
  /** What the analyst should know (a key left alone, a section IAM would not show). */
  notes: string[];
  /** Said before confirming, and confirmed by typing the name: the state not preserved yet. */
  warnings: string[];
}

/** One call as it ran. */
export interface ContainCallView {
  command: string;
  ok: boolean;
  /** The result, or the one-line error (which call, why, what to do). */
  detail: string;
  /** UTC ISO time of the call. */
  at: string;
}

/** One check of the state read back after the calls. */
export interface ContainCheckView {
  label: string;
  ok: boolean;
  detail: string;
}

export interface ContainResult {
  /** Every call succeeded (a failed call stops the plan). */
  ok: boolean;
  checks: ContainCheckView[];
}

export interface ContainService {
  /** `read-only` makes every action impossible; `dry-run` shows plans and runs nothing. */
  mode: 'act' | 'read-only' | 'dry-run';
  /** The ARN the calls are made as (sts:GetCallerIdentity), for the audit log. */
  caller: string;
  choices(target: ContainTarget): ContainChoice[];
  plan(target: ContainTarget, actions: readonly string[]): Promise<ContainPlanView>;
  execute(
    target: ContainTarget,
    actions: readonly string[],
    onCall: (call: ContainCallView) => void,
  ): Promise<ContainResult>;
}
