import type { TargetKind } from '../../iam/principal.js';
import type { ActionName } from '../types.js';

export interface ActionInfo {
  summary: string;
  /** Deletes something: the analyst types the principal's name to confirm. */
  destructive: boolean;
  /** An undo of another action (the recovery step, for a false alarm). */
  undo: boolean;
  appliesTo: readonly TargetKind[];
}

/** Every action, in the order AWS's playbook takes them (the CLI runs them in this order). */
export const ACTIONS: Readonly<Record<ActionName, ActionInfo>> = {
  'deactivate-keys': {
    summary: 'deactivate access keys (all, or --keys)',
    destructive: false,
    undo: false,
    appliesTo: ['user'],
  },
  quarantine: {
    summary: 'attach AWSCompromisedKeyQuarantineV3',
    destructive: false,
    undo: false,
    appliesTo: ['user', 'role'],
  },
  'quarantine-inline': {
    summary: 'inline deny-all (where managed policies cannot be used)',
    destructive: false,
    undo: false,
    appliesTo: ['user', 'role'],
  },
  'revoke-sessions': {
    summary: 'deny sessions issued before now (AWSRevokeOlderSessions)',
    destructive: false,
    undo: false,
    appliesTo: ['user', 'role'],
  },
  'remove-console': {
    summary: 'delete the console password (login profile)',
    destructive: true,
    undo: false,
    appliesTo: ['user'],
  },
  'reset-password': {
    summary: 'require a new console password at next sign-in',
    destructive: false,
    undo: false,
    appliesTo: ['user'],
  },
  'stop-function': {
    summary: 'reserved concurrency 0: no invocation runs',
    destructive: false,
    undo: false,
    appliesTo: ['function'],
  },
  'create-trail': {
    summary: 'create a multi-region trail to S3 and start logging',
    destructive: false,
    undo: false,
    appliesTo: ['user', 'role', 'function'],
  },
  'delete-keys': {
    summary: 'delete access keys already inactive (all with --force)',
    destructive: true,
    undo: false,
    appliesTo: ['user'],
  },
  'delete-user': {
    summary: 'delete the user and everything it holds, in the documented order',
    destructive: true,
    undo: false,
    appliesTo: ['user'],
  },
  'delete-role': {
    summary: 'detach and delete its policies, leave instance profiles, delete the role',
    destructive: true,
    undo: false,
    appliesTo: ['role'],
  },
  'reactivate-keys': {
    summary: 'undo: reactivate access keys',
    destructive: false,
    undo: true,
    appliesTo: ['user'],
  },
  unquarantine: {
    summary: 'undo: detach the quarantine policy / inline deny-all',
    destructive: false,
    undo: true,
    appliesTo: ['user', 'role'],
  },
  'unrevoke-sessions': {
    summary: 'undo: delete the session-revocation policy',
    destructive: true,
    undo: true,
    appliesTo: ['user', 'role'],
  },
};

export const ACTION_ORDER = Object.keys(ACTIONS) as ActionName[];

export function isActionName(name: string): name is ActionName {
  return Object.hasOwn(ACTIONS, name);
}

/**
 * Other names for the same actions: the triage playbook's (`delete-login-profile`,
 * `quarantine-policy`, `stop-lambda`) and the `undo-…` forms, so the checklist, the TUI and a
 * runbook can each use the words they already have.
 */
export const ACTION_ALIASES: Readonly<Record<string, ActionName>> = {
  'delete-login-profile': 'remove-console',
  'disable-console': 'remove-console',
  'quarantine-policy': 'quarantine',
  'stop-lambda': 'stop-function',
  'undo-deactivate-keys': 'reactivate-keys',
  'undo-quarantine': 'unquarantine',
  'undo-revoke-sessions': 'unrevoke-sessions',
};

/** The action a name (or alias) stands for, or undefined. */
export function actionNamed(name: string): ActionName | undefined {
  if (isActionName(name)) return name;
  return Object.hasOwn(ACTION_ALIASES, name) ? ACTION_ALIASES[name] : undefined;
}
