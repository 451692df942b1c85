import { untilAt } from './explicit-baseline.js';
import type { StateCreator } from 'zustand/vanilla';
import {
  ambiguousPrincipal,
  filterRows,
  findPrincipals,
  ipProfile,
  isMultiAccount,
  keyProfile,
  principalAccountOf,
  principalProfile,
} from '../index/index.js';
import { qualifyName } from '../trail/account-name.js';
import type { TextField } from '../trail/event.js';
import { parseQuery } from '../trail/query/index.js';
import { ipLines, keyLines } from './ip-key-lines.js';
import { isSettled, PLAYBOOK, stepById } from '../triage/index.js';
import { detailWidth, guideRoom, listRows } from './layout.js';
import { guideRows } from './step-view.js';
import { containTargetFor } from './contain-slice.js';
import { inventoryLines } from './inventory-lines.js';
import { inventoryKey } from './inventory-slice.js';
import { offlineChoices } from './offline-choices.js';
import { stepTarget } from './step-target.js';
import { principalLines, type ProfileContext } from './principal-lines.js';
import type {
  AppState,
  NavTarget,
  ProfileLine,
  ProfileTarget,
  ResolvedDeps,
  Screen,
  ScreenSlice,
} from './types.js';

const ROW_FIELD: Record<ProfileTarget['kind'], TextField> = {
  principal: 'principal',
  ip: 'sourceIp',
  key: 'accessKeyId',
};

function firstSelectable(lines: ProfileLine[]): number {
  const index = lines.findIndex((line) => line.target !== undefined);
  return index >= 0 ? index : 0;
}

function labelOf(target: ProfileTarget): string {
  return target.kind === 'principal' ? target.name : target.kind === 'ip' ? target.ip : target.key;
}

/** The drill-down: a stack of screens over the stream, each a profile, the findings, or a scoped stream. */
export const createScreenSlice =
  (deps: ResolvedDeps): StateCreator<AppState, [], [], ScreenSlice> =>
  (set, get) => {
    const context = (): ProfileContext => {
      // `--baseline-until`, resolved as the detections resolve it (a span back from now).
      const until = untilAt(get().explicitBaseline?.until, () => get().evidenceNow());
      return {
        index: deps.index,
        ipFacts: deps.ipFacts,
        ipDataDate: deps.ipDataDate,
        findings: get().findings,
        facts: get().facts,
        risk: get().risk,
        ...(until === undefined ? {} : { baselineUntil: until }),
      };
    };

    const linesFor = (target: ProfileTarget): ProfileLine[] | undefined => {
      if (target.kind === 'principal') {
        const profile = principalProfile(deps.index, target.name);
        if (!profile) return undefined;
        const lines = principalLines(profile, context());
        // Under --live, what IAM holds now follows what the trail shows.
        const resolved = deps.inventory ? containTargetFor(deps.index, target.name) : undefined;
        const inventory =
          resolved && !('say' in resolved) ? get().inventories[inventoryKey(resolved)] : undefined;
        return inventory ? [...lines, ...inventoryLines(inventory)] : lines;
      }
      if (target.kind === 'ip') {
        const profile = ipProfile(deps.index, target.ip);
        return profile && ipLines(profile, context());
      }
      const profile = keyProfile(deps.index, target.key);
      return profile && keyLines(profile, context());
    };

    const listHeight = () => {
      const top = get().screens[get().screens.length - 1]!;
      return Math.max(1, listRows(get().size, top.kind === 'profile' ? 'profile' : 'findings'));
    };

    /**
     * Pushes a screen, remembering where the stream's cursor was so back returns there. A new
     * stream screen (evidence, one principal's calls) starts unfiltered; the filter it covers
     * comes back with the screen below.
     */
    const push = (screen: Screen) => {
      const screens = [...get().screens];
      const top = screens[screens.length - 1]!;
      if (top.kind === 'stream')
        screens[screens.length - 1] = { ...top, savedCursor: get().cursor };
      if (screen.kind === 'stream') {
        const below = screens.findLastIndex((candidate) => candidate.kind === 'stream');
        const covered = screens[below]!;
        if (covered.kind === 'stream')
          screens[below] = { ...covered, savedFilter: get().filter.applied?.text ?? '' };
      }
      set({ screens: [...screens, screen], message: '' });
      if (screen.kind === 'stream') {
        if (get().filter.applied) get().clearFilter();
        get().refreshRows();
        get().moveCursorTo(0);
      }
    };

    const pushStream = (label: string, rows: Uint32Array) => {
      if (rows.length === 0) {
        set({ message: `nothing to show for ${label}` });
        return;
      }
      push({ kind: 'stream', label, scope: rows });
    };

    const inTimeOrder = (rows: readonly number[]) => {
      const times = deps.index.times;
      return Uint32Array.from(rows).sort((a, b) => times[a]! - times[b]! || a - b);
    };

    const openProfile = (target: ProfileTarget) => {
      if (target.kind === 'principal') get().loadInventory(target.name);
      const lines = linesFor(target);
      const several =
        target.kind === 'principal' ? ambiguousPrincipal(deps.index, target.name) : [];
      if (several.length > 0) {
        set({
          message: `${labelOf(target)} is ${several.length} principals, one per account: ${several.join(', ')} (:user ACCOUNT/NAME)`,
        });
        return;
      }
      if (!lines) {
        const guesses =
          target.kind === 'principal' ? findPrincipals(deps.index, target.name, 3) : [];
        set({
          message: `no ${target.kind === 'principal' ? 'principal' : target.kind === 'ip' ? 'events from' : 'events with key'} ${labelOf(target)}${guesses.length > 0 ? ` — did you mean ${guesses.join(', ')}?` : ''}`,
        });
        return;
      }
      push({
        kind: 'profile',
        label: labelOf(target),
        target,
        lines,
        cursor: firstSelectable(lines),
        top: 0,
      });
    };

    const updateTop = (change: (screen: Screen) => Screen) => {
      const screens = [...get().screens];
      screens[screens.length - 1] = change(screens[screens.length - 1]!);
      set({ screens });
    };

    const placeList = (position: number) => {
      updateTop((screen) => {
        if (screen.kind === 'stream' || screen.kind === 'contain') return screen;
        if (screen.kind === 'guide')
          return {
            ...screen,
            step: Math.max(0, Math.min(position, PLAYBOOK.length - 1)),
            scroll: 0,
          };
        const length =
          screen.kind === 'profile'
            ? screen.lines.length
            : screen.kind === 'findings'
              ? get().listedFindings.length
              : PLAYBOOK.length;
        const height = listHeight();
        const cursor = Math.max(0, Math.min(position, length - 1));
        let top = screen.top;
        if (cursor < top) top = cursor;
        if (cursor >= top + height) top = cursor - height + 1;
        return { ...screen, cursor, top: Math.max(0, Math.min(top, Math.max(0, length - height))) };
      });
    };

    return {
      screens: [{ kind: 'stream', label: 'stream' }],
      navigate: (target: NavTarget) => {
        switch (target.kind) {
          case 'principal':
          case 'ip':
          case 'key':
            return openProfile(target);
          case 'events': {
            const parsed = parseQuery(target.query, get().evidenceNow());
            if (!parsed.ok) return set({ message: parsed.error.message });
            return pushStream(
              `${target.label} (${target.query})`,
              filterRows(deps.index, parsed.query, deps.index.order()),
            );
          }
          case 'rows':
            return pushStream(target.label, inTimeOrder(target.rows));
          case 'evidence': {
            const finding = get().listedFindings.find((candidate) => candidate.key === target.key);
            if (!finding) return set({ message: 'that finding is gone (detection ran again)' });
            return pushStream(`evidence: ${finding.title}`, inTimeOrder(finding.rows));
          }
          case 'findings': {
            const top = get().screens[get().screens.length - 1]!;
            if (top.kind === 'findings') return;
            return push({ kind: 'findings', label: 'findings', cursor: 0, top: 0 });
          }
          case 'write':
            return get().writeReport(target.path);
          case 'help':
            if (get().overlay !== 'help') get().toggleOverlay('help');
            return;
          case 'quit':
            return get().requestQuit();
          case 'case':
            return set({ overlay: 'case' });
          case 'contain': {
            const resolved =
              target.target.kind === 'principal'
                ? containTargetFor(deps.index, target.target.name)
                : target.target;
            if ('say' in resolved) return set({ message: resolved.say });
            const choices = deps.contain?.choices(resolved) ?? offlineChoices(resolved);
            const usable = choices.filter((choice) => !choice.disabled);
            return push({
              kind: 'contain',
              label: `contain ${resolved.name}`,
              target: resolved,
              choices,
              // By action id, or by the playbook step the action settles.
              chosen: usable
                .filter(
                  (choice) =>
                    target.preselect?.includes(choice.id) ||
                    (choice.stepId !== undefined && target.preselect?.includes(choice.stepId)),
                )
                .map((choice) => choice.id),
              cursor: Math.max(0, choices.indexOf(usable[0]!)),
              phase: 'choose',
              calls: [],
              checks: [],
              scroll: 0,
            });
          }
          case 'checklist': {
            const top = get().screens[get().screens.length - 1]!;
            if (top.kind === 'checklist') return;
            return push({ kind: 'checklist', label: 'checklist', cursor: 0, top: 0 });
          }
          case 'guide': {
            const progress = get().caseFile?.steps ?? {};
            // From the checklist, the step under its cursor (its text may be cut there).
            const under = get().screens[get().screens.length - 1]!;
            const at = target.stepId
              ? PLAYBOOK.findIndex((step) => step.id === target.stepId)
              : under.kind === 'checklist'
                ? under.cursor
                : PLAYBOOK.findIndex((step) => !isSettled(progress[step.id]?.state));
            return push({ kind: 'guide', label: 'guided', step: Math.max(0, at), scroll: 0 });
          }
        }
      },
      openRowProfile: (kind) => {
        const row = get().rows[get().cursor];
        if (row === undefined) return;
        const value = deps.index.value(row, ROW_FIELD[kind]);
        if (!value) {
          set({
            message: `this event has no ${kind === 'key' ? 'access key' : kind === 'ip' ? 'source IP' : 'principal'}`,
          });
          return;
        }
        // Several accounts: the row's principal is its own account's (never a namesake's).
        const name = isMultiAccount(deps.index)
          ? qualifyName(principalAccountOf(deps.index)(row), value)
          : value;
        get().navigate(
          kind === 'principal'
            ? { kind, name }
            : kind === 'ip'
              ? { kind, ip: value }
              : { kind, key: value },
        );
      },
      goBack: () => {
        const screens = get().screens;
        if (screens.length <= 1) return false;
        const remaining = screens.slice(0, -1);
        set({ screens: remaining, message: '' });
        const top = remaining[remaining.length - 1]!;
        if (top.kind === 'stream') {
          if (
            top.savedFilter !== undefined &&
            top.savedFilter !== (get().filter.applied?.text ?? '')
          )
            get().applyFilterText(top.savedFilter);
          get().refreshRows();
          if (top.savedCursor !== undefined) get().moveCursorTo(top.savedCursor);
        } else get().refreshScreen();
        return true;
      },
      moveListCursor: (delta) => {
        const top = get().screens[get().screens.length - 1]!;
        if (top.kind === 'findings' || top.kind === 'checklist') placeList(top.cursor + delta);
        if (top.kind === 'guide') placeList(top.step + delta);
        if (top.kind !== 'profile') return;
        // Headings and plain facts are not stops: the cursor lands on lines that lead somewhere.
        const step = delta > 0 ? 1 : -1;
        let position = Math.max(0, Math.min(top.cursor + delta, top.lines.length - 1));
        while (position > 0 && position < top.lines.length - 1 && !top.lines[position]!.target)
          position += step;
        if (!top.lines[position]?.target) position = top.cursor;
        placeList(position);
      },
      moveListCursorTo: (position) => placeList(position),
      pageList: (direction) => {
        const top = get().screens[get().screens.length - 1]!;
        if (top.kind !== 'guide') return get().moveListCursor(direction * listHeight());
        // Guided mode: j/k walk the steps; a page key scrolls a step's page that is too long.
        const size = get().size;
        const room = guideRoom(size);
        const total = guideRows(
          deps.index,
          top.step,
          get().caseFile,
          get().stepClock(),
          detailWidth(size),
        ).length;
        const scroll = Math.max(0, Math.min(top.scroll + direction * (room - 1), total - room));
        updateTop((screen) => (screen.kind === 'guide' ? { ...screen, scroll } : screen));
      },
      activate: () => {
        const top = get().screens[get().screens.length - 1]!;
        if (top.kind === 'profile') {
          const target = top.lines[top.cursor]?.target;
          if (target) get().navigate(target);
        } else if (top.kind === 'findings') {
          const finding = get().listedFindings[top.cursor];
          if (finding) get().navigate({ kind: 'evidence', key: finding.key });
        } else {
          const id = get().currentStepId();
          if (id) get().openStep(id);
        }
      },
      currentStepId: () => {
        const top = get().screens[get().screens.length - 1]!;
        if (top.kind === 'checklist') return PLAYBOOK[top.cursor]?.id;
        if (top.kind === 'guide') return PLAYBOOK[top.step]?.id;
        return undefined;
      },
      openStep: (id) => {
        const step = stepById(id);
        if (!step) return;
        const where = stepTarget(step, get().suspects(), get().stepClock());
        if ('say' in where) set({ message: where.say });
        else get().navigate(where.open);
      },
      refreshScreen: () => {
        const top = get().screens[get().screens.length - 1]!;
        if (top.kind === 'stream') get().refreshRows();
        else if (top.kind === 'profile') {
          const lines = linesFor(top.target);
          if (lines) updateTop(() => ({ ...top, lines }));
          placeList(top.cursor);
        } else if (top.kind === 'findings' || top.kind === 'checklist') placeList(top.cursor);
      },
    };
  };
