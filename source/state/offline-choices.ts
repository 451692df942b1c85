import { PLAYBOOK } from '../triage/index.js';
import type { ContainChoice } from './contain-service.js';

/**
 * Without a live connection the containment screen still lists what could be done (the
 * playbook's containment steps) so the analyst sees the way, each disabled with the reason.
 */
export function offlineChoices(): ContainChoice[] {
  return PLAYBOOK.filter((step) => step.target.kind === 'action').map((step) => ({
    id: step.target.kind === 'action' ? step.target.action : step.id,
    label: step.title,
    destructive: /delete/i.test(step.id),
    disabled: 'offline: open trailhound with --live to act on AWS (the checklist shows the CLI)',
    stepId: step.id,
  }));
}
