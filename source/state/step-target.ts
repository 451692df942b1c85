import { fillStep, type PlaybookStep, type StepClock, type Suspects } from '../triage/index.js';
import type { NavTarget } from './types.js';

/**
 * Where `enter` on a playbook step leads: a screen to open (a query, a profile, the findings,
 * the containment screen), or a line to say instead (a suspect still to mark, work done outside
 * the tool).
 */
export function stepTarget(
  step: PlaybookStep,
  suspects: Suspects,
  now: StepClock,
): { open: NavTarget } | { say: string } {
  const target = step.target;
  // The containment screen reads keys and policies from IAM itself: only the principal is needed.
  if (target.kind === 'action') {
    if (!suspects.principal) return { say: 'mark the suspect principal first (m), or press C' };
    return {
      open: {
        kind: 'contain',
        target: { kind: 'principal', name: suspects.principal },
        preselect: [target.action, step.id],
      },
    };
  }
  const filled = fillStep(step, suspects, now);
  if (filled.missing) return { say: `${step.title}: ${filled.missing.join('; ')} (m marks)` };
  switch (target.kind) {
    case 'query':
      return { open: { kind: 'events', label: step.title, query: filled.query ?? target.query } };
    case 'profile':
      if (target.subject === 'suspect-principal' && suspects.principal)
        return { open: { kind: 'principal', name: suspects.principal } };
      if (target.subject === 'suspect-ip' && suspects.ip)
        return { open: { kind: 'ip', ip: suspects.ip } };
      if (target.subject === 'suspect-key' && suspects.key)
        return { open: { kind: 'key', key: suspects.key } };
      return { say: 'mark a suspect first (m)' };
    case 'findings':
      return { open: { kind: 'findings' } };
    case 'manual':
      return { say: `outside trailhound: ${step.look}` };
  }
}
