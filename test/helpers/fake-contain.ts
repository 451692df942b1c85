import type {
  ContainCallView,
  ContainChoice,
  ContainService,
  ContainTarget,
} from '../../source/state/index.js';

const CHOICES: ContainChoice[] = [
  {
    id: 'deactivate-keys',
    label: 'Deactivate access keys',
    destructive: false,
    stepId: 'deactivate-access-keys',
  },
  { id: 'quarantine', label: 'Attach the quarantine policy', destructive: false },
  { id: 'delete-user', label: 'Delete the user', destructive: true },
];

/**
 * A containment core that keeps its "account" in memory: plans list what is still to do, and a
 * key can be made to fail once so the resumed plan can be seen doing only what is left.
 */
export class FakeContain implements ContainService {
  caller = 'arn:aws:iam::111122223333:user/responder';
  keysActive = ['AKIAKEYONE', 'AKIAKEYTWO'];
  quarantined = false;
  failNext = '';
  executed: string[] = [];
  constructor(public mode: ContainService['mode'] = 'act') {}

  choices(): ContainChoice[] {
    return CHOICES.map((choice) =>
      this.mode === 'read-only' ? { ...choice, disabled: 'read-only session' } : choice,
    );
  }

  private commands(target: ContainTarget, actions: readonly string[]): string[] {
    const out: string[] = [];
    if (actions.includes('deactivate-keys'))
      for (const key of this.keysActive)
        out.push(
          `aws iam update-access-key --user-name ${target.name} --access-key-id ${key} --status Inactive`,
        );
    if (actions.includes('quarantine') && !this.quarantined)
      out.push(
        `aws iam attach-user-policy --user-name ${target.name} --policy-arn arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV3`,
      );
    if (actions.includes('delete-user')) out.push(`aws iam delete-user --user-name ${target.name}`);
    return out;
  }

  async plan(target: ContainTarget, actions: readonly string[]) {
    const done = 2 - this.keysActive.length;
    return {
      commands: this.commands(target, actions),
      done: done > 0 ? [`${done} key(s) already inactive`] : [],
      destructive: actions.includes('delete-user'),
      notes: [],
      warnings: [],
    };
  }

  async execute(
    target: ContainTarget,
    actions: readonly string[],
    onCall: (call: ContainCallView) => void,
  ) {
    for (const command of this.commands(target, actions)) {
      const at = '2026-12-04T12:00:00Z';
      if (this.failNext && command.includes(this.failNext)) {
        this.failNext = '';
        onCall({ command, ok: false, detail: 'Throttling: rate exceeded; retry', at });
        return { ok: false, checks: [] };
      }
      this.executed.push(command);
      const key = /--access-key-id (\S+)/.exec(command)?.[1];
      if (key) this.keysActive = this.keysActive.filter((k) => k !== key);
      if (command.includes('attach-user-policy')) this.quarantined = true;
      onCall({ command, ok: true, detail: 'ok', at });
    }
    return {
      ok: true,
      checks: [
        {
          label: 'access keys inactive',
          ok: this.keysActive.length === 0,
          detail: `${2 - this.keysActive.length}/2`,
        },
      ],
    };
  }
}
