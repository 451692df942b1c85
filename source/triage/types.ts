/**
 * The playbook's shapes. A step is data: what to do, why, what to look at, and a target the app
 * knows how to open (a filtered stream, a profile, findings, a containment action, or something
 * the analyst does outside the tool).
 */

/** The eight phases, in the order an incident is worked. */
export type PhaseNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export interface Phase {
  number: PhaseNumber;
  title: string;
  /** One line: what the phase is for, shown above its checklist. */
  goal: string;
}

/**
 * The stream, filtered by our query language. `query` and `cli` may hold `{principal}`, `{key}`
 * and `{ip}` (the case's marked suspects); `cli` may also hold `{now}`, `{since:7d}` (ISO times)
 * and `{now-ms}`, `{since-ms:7d}` (epoch milliseconds, as CloudWatch Logs wants them), filled by
 * `fillStep` against the evidence's now (the trail's end for a trail read from files); `{clock}`
 * is the wall clock, for what acts on AWS as it is today (revoking sessions issued before it).
 * Relative times in `query` (`after:7d`) stay relative: the query parser resolves them.
 */
export interface QueryTarget {
  kind: 'query';
  query: string;
  /** The same question asked of the live API: `aws cloudtrail lookup-events ...`. */
  cli: string;
}

export type ProfileSubject = 'suspect-principal' | 'suspect-ip' | 'suspect-key';

export interface ProfileTarget {
  kind: 'profile';
  subject: ProfileSubject;
}

export interface FindingsTarget {
  kind: 'findings';
  /** Built-in rule and correlation ids whose findings bear on the step. */
  rules: readonly string[];
}

/** Containment the app can carry out against the live account, after confirmation. */
export type ContainmentAction =
  | 'delete-login-profile'
  | 'deactivate-keys'
  | 'quarantine-policy'
  | 'revoke-sessions'
  | 'delete-role'
  | 'delete-user'
  | 'stop-lambda';

export interface ActionTarget {
  kind: 'action';
  action: ContainmentAction;
  /** What the action does, as the AWS CLI commands an analyst could run by hand. */
  cli: string;
  /** Containment always needs the live API: a log file cannot deactivate a key. */
  needsLive: true;
}

/** Work done outside the tool: people to call, logs to preserve, evidence to export. */
export interface ManualTarget {
  kind: 'manual';
  cli?: string;
}

export type StepTarget = QueryTarget | ProfileTarget | FindingsTarget | ActionTarget | ManualTarget;

export interface PlaybookStep {
  /** Stable and kebab-case: the case file keys progress by it. */
  id: string;
  phase: PhaseNumber;
  title: string;
  /** Why it matters, in one or two lines. */
  why: string;
  /** What to look at once the target is open. */
  look: string;
  target: StepTarget;
}

/** The analyst's marked suspects, one of each kind (the case may hold several; see pickSuspects). */
export interface Suspects {
  principal?: string;
  key?: string;
  ip?: string;
}

/**
 * A step's state in the checklist. The same union as the case file's `StepState`: the case
 * imports the playbook, never the other way round, so the shape lives here too and a test holds
 * the two together.
 */
export type StepState = 'todo' | 'in-progress' | 'done' | 'skipped' | 'not-applicable';

/** What the progress functions read of a case's `StepProgress`. */
export interface StepStateHolder {
  state: StepState;
}
