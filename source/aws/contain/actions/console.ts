import type { UserInventory } from '../../iam/types.js';
import { plannedCall, type PlanContext } from '../plan-context.js';
import type { Check, PlannedCall } from '../types.js';

interface Part {
  calls: PlannedCall[];
  checks: Check[];
  notes: string[];
}

/** DeleteLoginProfile: no console password any more (the user and its keys stay). */
export function deleteLoginProfile(user: UserInventory, context: PlanContext): Part {
  return {
    calls: user.loginProfile
      ? [
          plannedCall(
            context,
            'iam',
            'DeleteLoginProfile',
            { UserName: user.name },
            'no more console sign-in',
          ),
        ]
      : [],
    checks: [{ kind: 'login-profile', user: user.name, present: false }],
    notes: user.loginProfile ? [] : [`${user.name} has no console password`],
  };
}

/**
 * Where the team keeps the user, the incident guide forces a new password at the next sign-in
 * instead (the attacker's password stops being enough once the owner resets it).
 */
export function requirePasswordReset(user: UserInventory, context: PlanContext): Part {
  const profile = user.loginProfile;
  const needed = profile !== null && !profile.passwordResetRequired;
  const notes = !profile
    ? [`${user.name} has no console password`]
    : needed
      ? []
      : ['a password reset is already required'];
  return {
    calls: needed
      ? [
          plannedCall(
            context,
            'iam',
            'UpdateLoginProfile',
            { UserName: user.name, PasswordResetRequired: true },
            'force a new password at the next sign-in',
          ),
        ]
      : [],
    checks: profile
      ? [{ kind: 'login-profile', user: user.name, present: true, passwordResetRequired: true }]
      : [],
    notes,
  };
}
