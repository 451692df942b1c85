import { ACTIONS, actionNamed } from '../aws/contain/index.js';
import { PLAYBOOK } from '../triage/index.js';
import type { ContainChoice, ContainTarget } from './contain-service.js';

/**
 * Without a live connection the containment screen still lists what could be done (the
 * playbook's containment steps) so the analyst sees the way, each disabled with the reason.
 * Only what applies to the target's kind is listed (the action catalogue says which): a role has
 * no login profile or access keys, a user no reserved concurrency.
 */
export function offlineChoices(target: ContainTarget): ContainChoice[] {
  return PLAYBOOK.flatMap((step) => {
    if (step.target.kind !== 'action') return [];
    const action = actionNamed(step.target.action);
    if (!action || !ACTIONS[action].appliesTo.includes(target.kind)) return [];
    return [
      {
        id: step.target.action,
        label: step.title,
        destructive: /delete/i.test(step.id),
        disabled:
          'offline: open trailhound with --live to act on AWS (the checklist shows the CLI)',
        stepId: step.id,
      },
    ];
  });
}
