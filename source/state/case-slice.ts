import { describeEntry, describeTuning } from '../detect/tuning/describe.js';
import type { StateCreator } from 'zustand/vanilla';
import { writeCaseReport } from './write-report.js';
import {
  FileWriteError,
  pinRecord,
  type CaseStore,
  type StepState,
  type SuspectKind,
} from '../case/index.js';
import { nextState, pickSuspects, stateProblem, stepById } from '../triage/index.js';
import { asText } from '../trail/fields.js';
import { qualifyName } from '../trail/account-name.js';
import { isMultiAccount, principalAccountOf } from '../index/index.js';
import type { AppState, CaseSlice, ResolvedDeps } from './types.js';

const SUSPECT_FIELD = { principal: 'principal', ip: 'sourceIp', key: 'accessKeyId' } as const;

/**
 * The open case: every analyst decision (pins, suspects, notes, checklist) goes through the case
 * store, which saves at once. The slice mirrors the store's current file for the views.
 */
export const createCaseSlice =
  (deps: ResolvedDeps): StateCreator<AppState, [], [], CaseSlice> =>
  (set, get) => {
    let store: CaseStore | undefined;

    /** Applies a change through the store; a failed save is said, never thrown at the UI. */
    const change = (apply: (store: CaseStore) => void): boolean => {
      if (!store) {
        set({ message: 'no case is open' });
        return false;
      }
      try {
        apply(store);
        return true;
      } catch (error) {
        set({
          message: `case not saved: ${error instanceof Error ? error.message : String(error)}`,
        });
        return false;
      }
    };

    /**
     * Evidence pinned while steps are in progress belongs to those steps: the analyst pins what
     * the step they are working on turned up.
     */
    const linkToActiveSteps = (eventId: string) => {
      const steps = get().caseFile?.steps ?? {};
      const active = Object.keys(steps).filter(
        (id) => steps[id]!.state === 'in-progress' && !steps[id]!.evidence.includes(eventId),
      );
      if (!eventId || active.length === 0) return;
      change((open) =>
        open.update(
          (draft) => {
            for (const id of active) {
              const step = draft.steps[id]!;
              draft.steps[id] = { ...step, evidence: [...step.evidence, eventId] };
            }
          },
          { action: 'linked evidence', detail: `${eventId} to ${active.join(', ')}` },
        ),
      );
    };

    /** The full record of the selected event, read from its file. */
    const selectedRecord = async (): Promise<Record<string, unknown> | undefined> => {
      const { rows, cursor, reader } = get();
      const row = rows[cursor];
      if (row === undefined || !reader) return undefined;
      const { fileId, recordIndex } = deps.index.location(row);
      return reader.read(fileId, recordIndex);
    };

    return {
      caseFile: undefined,
      casePath: '',
      attachCase: (opened) => {
        store = opened;
        // The order the analyst chose is kept in the case; cases from before it: oldest first.
        set({
          caseFile: opened.current,
          casePath: opened.path,
          newestFirst: opened.current.view.newestFirst === true,
        });
        opened.subscribe((current) => set({ caseFile: current }));
        get().refreshRows();
        // The case's own tuning joins the files': reopening keeps what was decided.
        if ((opened.current.tuning ?? []).length > 0) get().retune();
      },
      saveOrder: () => {
        const newestFirst = get().newestFirst;
        if (!store || (store.current.view.newestFirst === true) === newestFirst) return;
        change((open) =>
          open.update(
            (draft) => {
              draft.view = { ...draft.view, newestFirst };
            },
            { action: 'stream order', detail: newestFirst ? 'newest first' : 'oldest first' },
          ),
        );
      },
      pinSelected: () => {
        void selectedRecord().then(
          (record) => {
            if (!record) return set({ message: 'no event selected' });
            const eventId = asText(record.eventID);
            // p again on a pinned event unpins it (the audit log keeps both).
            if (eventId && get().caseFile?.pinned.some((pin) => pin.eventId === eventId)) {
              if (
                change((open) =>
                  open.update(
                    (draft) => {
                      draft.pinned = draft.pinned.filter((pin) => pin.eventId !== eventId);
                    },
                    { action: 'unpinned event', detail: `${asText(record.eventName)} ${eventId}` },
                  ),
                )
              )
                set({ message: `unpinned ${asText(record.eventName)}` });
              return;
            }
            if (change((open) => pinRecord(open, record, ''))) {
              linkToActiveSteps(eventId);
              set({
                message: `pinned ${asText(record.eventName)} as evidence (${get().caseFile?.pinned.length ?? 0} pinned)`,
              });
            }
          },
          (error: unknown) =>
            set({
              message: `cannot pin: ${error instanceof Error ? error.message : String(error)}`,
            }),
        );
      },
      markSuspect: (kind?: SuspectKind) => {
        const top = get().screens[get().screens.length - 1]!;
        let subject: { kind: SuspectKind; value: string } | undefined;
        if (top.kind === 'findings') {
          const finding = get().findings[top.cursor];
          if (finding?.principal) subject = { kind: 'principal', value: finding.principal };
        } else if (top.kind === 'profile') {
          const target = top.target;
          subject =
            target.kind === 'principal'
              ? { kind: 'principal', value: target.name }
              : target.kind === 'ip'
                ? { kind: 'ip', value: target.ip }
                : { kind: 'key', value: target.key };
        } else {
          const row = get().rows[get().cursor];
          const wanted = kind ?? 'principal';
          const found = row === undefined ? '' : deps.index.value(row, SUSPECT_FIELD[wanted]);
          // Several accounts: the row's principal of its own account, as findings name it.
          const value =
            wanted === 'principal' && found && isMultiAccount(deps.index)
              ? qualifyName(principalAccountOf(deps.index)(row!), found)
              : found;
          if (value) subject = { kind: wanted, value };
        }
        if (!subject) return set({ message: 'nothing to mark here' });
        const { kind: which, value } = subject;
        const already = get().caseFile?.suspects.some((s) => s.kind === which && s.value === value);
        if (already) return set({ message: `${value} is already a suspect` });
        if (
          change((open) =>
            open.update(
              (draft, stamp) => {
                draft.suspects.push({ kind: which, value, markedAt: stamp.at, note: '' });
              },
              { action: 'marked suspect', detail: `${which} ${value}` },
            ),
          )
        )
          set({ message: `marked ${which} ${value} as suspect` });
      },
      setStepState: (id, state: StepState, reason = '') => {
        const problem = stateProblem(state, reason);
        if (problem) return set({ message: problem });
        const title = stepById(id)?.title ?? id;
        change((open) =>
          open.update(
            (draft, stamp) => {
              const before = draft.steps[id];
              draft.steps[id] = {
                state,
                reason,
                note: before?.note ?? '',
                evidence: before?.evidence ?? [],
                changedBy: stamp.by,
                changedAt: stamp.at,
              };
            },
            { action: `step ${state}`, detail: `${title}${reason ? ` (${reason})` : ''}` },
          ),
        );
      },
      cycleStep: (id) => {
        const state = get().caseFile?.steps[id]?.state ?? 'todo';
        get().setStepState(id, nextState(state));
      },
      setStepNote: (id, note) => {
        change((open) =>
          open.update(
            (draft, stamp) => {
              const before = draft.steps[id];
              draft.steps[id] = {
                state: before?.state ?? 'todo',
                reason: before?.reason ?? '',
                note,
                evidence: before?.evidence ?? [],
                changedBy: stamp.by,
                changedAt: stamp.at,
              };
            },
            { action: 'step note', detail: `${stepById(id)?.title ?? id}: ${note}` },
          ),
        ) && set({ message: note ? 'note saved on the step' : 'note cleared on the step' });
      },
      setEventNote: (eventId, note) => {
        const before = get().caseFile?.eventNotes[eventId] ?? '';
        if (
          change((open) =>
            open.update(
              (draft) => {
                // An emptied note is removed, not kept as '' (the detail pane shows notes).
                if (note) draft.eventNotes[eventId] = note;
                else delete draft.eventNotes[eventId];
              },
              { action: 'event note', detail: `${eventId}: ${note}` },
            ),
          )
        )
          // Said, so the analyst knows the note was kept and where to read it again.
          set({
            message: note
              ? `note ${before ? 'changed' : 'saved'} on the event (shown in its detail, d)`
              : before
                ? 'note removed from the event'
                : 'no note written',
          });
      },
      annotateSelected: () => {
        void selectedRecord().then(
          (record) => {
            const eventId = asText(record?.eventID);
            if (!eventId) return set({ message: 'this event has no eventID to annotate' });
            get().startNote({ kind: 'event', eventId }, get().caseFile?.eventNotes[eventId] ?? '');
          },
          (error: unknown) =>
            set({
              message: `cannot annotate: ${error instanceof Error ? error.message : String(error)}`,
            }),
        );
      },
      suspects: () => pickSuspects(get().caseFile?.suspects ?? []),
      reviewFinding: (key, verdict, reason = '') => {
        const finding = get().listedFindings.find((candidate) => candidate.key === key);
        if (!finding) return;
        if (verdict === 'dismissed' && !reason) return set({ message: 'say why it is dismissed' });
        if (
          change((open) =>
            open.update(
              (draft, stamp) => {
                draft.findings[key] = { verdict, reason, at: stamp.at, by: stamp.by };
              },
              {
                action: `finding ${verdict}`,
                detail: `${finding.title} (${finding.principal || 'no principal'})${reason ? `: ${reason}` : ''}`,
              },
            ),
          )
        ) {
          set({ message: `${verdict}: ${finding.title}` });
          if (verdict === 'dismissed') get().offerTuning(key, reason);
        }
      },
      addTuningEntry: (entry) => {
        const written = change((open) =>
          open.update(
            (draft, stamp) => {
              // Who wrote a suppression and when travel with it (the audit says it too).
              const stamped = entry.kind === 'suppress' ? { ...entry, ...stamp } : entry;
              draft.tuning = [...(draft.tuning ?? []), stamped];
            },
            { action: 'tuning entry added', detail: describeEntry(entry) },
          ),
        );
        if (written) get().retune();
        return written;
      },
      recordAudit: (action, detail) => {
        change((open) => open.update(() => undefined, { action, detail }));
      },
      writeReport: (path) => {
        const caseFile = get().caseFile;
        if (!caseFile || !store) return set({ message: 'no case is open' });
        void writeCaseReport({
          casePath: get().casePath,
          ...(path === undefined ? {} : { path }),
          caseFile,
          findings: get().findings,
          index: deps.index,
          reader: get().reader,
          ipFacts: deps.ipFacts,
          ipDataDate: deps.ipDataDate,
          now: new Date(deps.now()),
          tuning: { used: describeTuning(get().tuning), suppressed: get().suppressed.length },
        }).then(
          (path) => {
            change((open) =>
              open.update(() => undefined, { action: 'wrote report', detail: path }),
            );
            set({ message: `report written: ${path}` });
          },
          (error: unknown) =>
            set({
              // A FileWriteError already says "<path> not written: <reason>" in one line.
              message:
                error instanceof FileWriteError
                  ? error.message
                  : `report not written: ${error instanceof Error ? error.message : String(error)}`,
            }),
        );
      },
      saveView: () => {
        const { filter, rows, cursor, focus } = get();
        const row = rows[cursor];
        if (!store || row === undefined) return;
        const view = {
          filter: filter.applied?.text ?? '',
          selectedEventId: '',
          pane: focus,
          newestFirst: get().newestFirst,
        };
        const { reader } = get();
        const current = store.current.view;
        if (current.filter === view.filter && current.pane === view.pane && !reader) return;
        // The selection is kept by eventID, which only the record has.
        void (async () => {
          if (reader) {
            const { fileId, recordIndex } = deps.index.location(row);
            view.selectedEventId = asText((await reader.read(fileId, recordIndex)).eventID);
          }
          const now = store?.current.view;
          if (
            now &&
            now.filter === view.filter &&
            now.pane === view.pane &&
            now.selectedEventId === view.selectedEventId
          )
            return;
          change((open) =>
            open.update((draft) => {
              draft.view = view;
            }),
          );
        })().catch(() => undefined);
      },
    };
  };
