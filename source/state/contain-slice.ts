import type { StateCreator } from 'zustand/vanilla';
import { principalProfile, type EventIndex } from '../index/index.js';
import type { ContainCallView, ContainService, ContainTarget } from './contain-service.js';
import { watchFor } from './live-watch.js';
import type { AppState, ContainScreen, ContainSlice, ResolvedDeps } from './types.js';

/**
 * Containment from the keyboard: the actions are a list to pick from, then a plan (the exact
 * calls, as AWS CLI commands, read from the account's current state), then a confirmation (the
 * target's name typed out when anything is deleted), then the calls one by one, then the state
 * read back. Every call and its outcome goes to the case's audit log as it happens, with the
 * identity that made it; a verified action settles its playbook step.
 */
export const createContainSlice =
  (deps: ResolvedDeps): StateCreator<AppState, [], [], ContainSlice> =>
  (set, get) => {
    const service: ContainService | undefined = deps.contain;

    const top = (): ContainScreen | undefined => {
      const screen = get().screens[get().screens.length - 1];
      return screen?.kind === 'contain' ? screen : undefined;
    };

    /** Changes the contain screen if it is still the one on top (the analyst may have left). */
    const update = (screen: ContainScreen, change: Partial<ContainScreen>): ContainScreen => {
      const screens = [...get().screens];
      const at = screens.lastIndexOf(screen);
      const next = { ...screen, ...change };
      if (at >= 0) {
        screens[at] = next;
        set({ screens });
      }
      return next;
    };

    const describe = (screen: ContainScreen) => `${screen.target.kind} ${screen.target.name}`;

    const plan = (screen: ContainScreen) => {
      if (!service) return;
      let current = update(screen, { phase: 'planning', error: undefined, scroll: 0 });
      service.plan(current.target, current.chosen).then(
        (planned) => {
          current = update(current, { phase: 'plan', plan: planned });
          if (planned.commands.length === 0) set({ message: 'nothing left to do: already so' });
        },
        (error: unknown) => {
          update(current, { phase: 'failed', error: errorText(error) });
        },
      );
    };

    const run = (screen: ContainScreen) => {
      if (!service || !screen.plan) return;
      const what = describe(screen);
      get().recordAudit('containment confirmed', `${screen.chosen.join(', ')} on ${what}`);
      let current = update(screen, { phase: 'running', calls: [], checks: [], scroll: 0 });
      const onCall = (call: ContainCallView) => {
        current = update(current, { calls: [...current.calls, call] });
        get().recordAudit(
          call.ok ? 'aws call' : 'aws call failed',
          `${call.command} → ${call.detail} (as ${service.caller}, ${call.at})`,
        );
      };
      service.execute(current.target, current.chosen, onCall).then(
        (result) => {
          const verified = result.ok && result.checks.every((check) => check.ok);
          current = update(current, {
            phase: result.ok ? 'done' : 'failed',
            checks: result.checks,
          });
          get().recordAudit(
            verified ? 'containment verified' : 'containment incomplete',
            `${what}: ${result.checks.map((check) => `${check.ok ? '✓' : '✗'} ${check.label}`).join('; ')}`,
          );
          if (verified) {
            settleSteps(current);
            watch(current);
          }
          // The profile shows IAM as the calls left it.
          if (current.target.kind !== 'function') get().loadInventory(current.target.name, true);
          set({
            message: verified
              ? `contained: ${what} (verified)`
              : 'containment incomplete: enter plans what is left',
          });
        },
        (error: unknown) => {
          const why = errorText(error);
          update(current, { phase: 'failed', error: why });
          get().recordAudit('containment failed', `${what}: ${why}`);
        },
      );
    };

    /**
     * A contained principal is watched for 30 minutes (in follow mode): itself, the keys and
     * the addresses the trail shows it with.
     */
    const watch = (screen: ContainScreen) => {
      if (screen.target.kind !== 'function')
        get().watchContained(watchFor(deps.index, screen.target.name, deps.now()));
    };

    /** A verified action settles the playbook step it belongs to. */
    const settleSteps = (screen: ContainScreen) => {
      for (const choice of screen.choices) {
        if (!choice.stepId || !screen.chosen.includes(choice.id)) continue;
        if (get().caseFile?.steps[choice.stepId]?.state !== 'done')
          get().setStepState(choice.stepId, 'done');
      }
    };

    return {
      openContain: () => {
        const target = targetOnScreen(get(), deps);
        if ('say' in target) return set({ message: target.say });
        get().navigate({ kind: 'contain', target });
      },
      toggleContainChoice: () => {
        const screen = top();
        if (!screen || screen.phase !== 'choose') return;
        const choice = screen.choices[screen.cursor];
        if (!choice) return;
        if (choice.disabled) return set({ message: `${choice.label}: ${choice.disabled}` });
        const chosen = screen.chosen.includes(choice.id)
          ? screen.chosen.filter((id) => id !== choice.id)
          : screen.choices
              .map((candidate) => candidate.id)
              .filter((id) => id === choice.id || screen.chosen.includes(id));
        update(screen, { chosen });
      },
      advanceContain: () => {
        const screen = top();
        if (!screen) return;
        switch (screen.phase) {
          case 'choose':
            if (!service) return set({ message: 'offline: open with --live to act on AWS' });
            if (screen.chosen.length === 0)
              return set({ message: 'space picks an action, enter plans it' });
            return plan(screen);
          case 'plan': {
            const planned = screen.plan!;
            if (service?.mode === 'dry-run')
              return set({ message: 'dry run: plans are shown, nothing is run' });
            if (planned.commands.length === 0) return set({ message: 'nothing left to do' });
            if (planned.destructive || planned.warnings.length > 0)
              return get().startNote({ kind: 'confirm', name: screen.target.name }, '');
            return run(screen);
          }
          case 'failed':
            // After a partial failure the plan is read again: only what is left gets done.
            return plan(update(screen, { plan: undefined }));
          case 'done':
            get().goBack();
            return;
          default:
            return;
        }
      },
      confirmContain: (typed) => {
        const screen = top();
        if (!screen || screen.phase !== 'plan') return;
        if (typed !== screen.target.name) {
          get().recordAudit('containment not confirmed', describe(screen));
          return set({ message: `not confirmed (typed “${typed}”): nothing was run` });
        }
        run(screen);
      },
      scrollContain: (delta) => {
        const screen = top();
        if (!screen) return;
        if (screen.phase === 'choose') {
          const cursor = Math.max(0, Math.min(screen.cursor + delta, screen.choices.length - 1));
          update(screen, { cursor });
          return;
        }
        update(screen, { scroll: Math.max(0, screen.scroll + delta) });
      },
    };
  };

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Who `C` would contain: the principal of the profile on screen, or of the selected event.
 */
function targetOnScreen(state: AppState, deps: ResolvedDeps): ContainTarget | { say: string } {
  const screen = state.screens[state.screens.length - 1]!;
  let name: string | undefined;
  if (screen.kind === 'profile') {
    if (screen.target.kind !== 'principal')
      return { say: 'containment acts on a principal: open its profile (enter)' };
    name = screen.target.name;
  } else if (screen.kind === 'stream') {
    const row = state.rows[state.cursor];
    name = row === undefined ? undefined : deps.index.value(row, 'principal');
  }
  if (!name) return { say: 'select an event or open a principal profile first' };
  return containTargetFor(deps.index, name);
}

/**
 * What a principal seen in the trail is to IAM: a user, or a role (a role session contains its
 * role). Root and AWS services are not contained from here.
 */
export function containTargetFor(index: EventIndex, name: string): ContainTarget | { say: string } {
  const profile = principalProfile(index, name);
  const types = profile?.identityTypes ?? [];
  // Where two accounts each have a principal of the name it is shown `ACCOUNT/NAME`: the account
  // is where to act, the rest is IAM's name.
  const qualified = /^(\d{12})\/(.+)$/.exec(name);
  const bare = qualified?.[2] ?? name;
  const where = qualified?.[1] ?? principalAccount(profile?.arns ?? [], profile?.accounts ?? []);
  const account = where === undefined ? {} : { account: where };
  if (profile?.kind === 'role' || types.includes('AssumedRole'))
    return { kind: 'role', name: bare.split('/')[0]!, ...account };
  if (types.includes('IAMUser')) return { kind: 'user', name: bare, ...account };
  return { say: `${name} is not an IAM user or role (${types.join(', ') || 'not in the trail'})` };
}

/**
 * The one account a principal lives in: its ARNs' (`arn:aws:iam::ACCOUNT:user/X`,
 * `arn:aws:sts::ACCOUNT:assumed-role/...`), else the one account its events were recorded in.
 * Undefined when they disagree: containment then asks the caller's own account.
 */
function principalAccount(
  arns: readonly string[],
  recipients: readonly string[],
): string | undefined {
  const fromArns = new Set(
    arns.flatMap((arn) => /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(arn)?.[1] ?? []),
  );
  if (fromArns.size === 1) return [...fromArns][0];
  if (fromArns.size > 1) return undefined;
  const accounts = new Set(recipients.filter((account) => /^\d{12}$/.test(account)));
  return accounts.size === 1 ? [...accounts][0] : undefined;
}
