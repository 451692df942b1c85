import { fillStep, type PlaybookStep, type Suspects } from '../triage/index.js';
import type { NavTarget } from './types.js';

/**
 * Where `enter` on a playbook step leads: a screen to open, or a line to say instead (a suspect
 * still to mark, a containment that needs the live API, work done outside the tool).
 */
export function stepTarget(
  step: PlaybookStep,
  suspects: Suspects,
  now: number,
): { open: NavTarget } | { say: string } {
  const filled = fillStep(step, suspects, now);
  if (filled.missing) return { say: `${step.title}: ${filled.missing.join('; ')} (m marks)` };
  const target = step.target;
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
    case 'action':
      return {
        say: `needs live AWS (Live AWS issue): ${(filled.cli ?? target.cli).split('\n')[0]}`,
      };
    case 'manual':
      return { say: `outside trailhound: ${step.look}` };
  }
}
