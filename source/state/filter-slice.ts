import type { StateCreator } from 'zustand/vanilla';
import { isEmptyQuery, parseQuery } from '../trail/query/index.js';
import { parseCommand } from './commands.js';
import type { AppState, FilterSlice, StoreDeps } from './types.js';

/** Typing pauses this long before the stream re-filters, so filtering never blocks keystrokes. */
const LIVE_FILTER_DELAY_MS = 150;

export const createFilterSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], FilterSlice> =>
  (set, get) => {
    let pending: ReturnType<typeof setTimeout> | undefined;
    let beforeEditing = '';
    // The now the applied filter's relative times were resolved against.
    let anchoredAt: number | undefined;

    const cancelPending = () => {
      if (pending) clearTimeout(pending);
      pending = undefined;
    };

    /**
     * Parses and applies; a syntax error is shown and the last good result stays. `remember`
     * makes it the query n / N walk: only a query the analyst committed to, not one half-typed.
     */
    const apply = (text: string, remember = false): boolean => {
      const now = get().evidenceNow();
      const parsed = parseQuery(text, now);
      if (!parsed.ok) {
        set({ filter: { ...get().filter, error: parsed.error } });
        return false;
      }
      const query = isEmptyQuery(parsed.query) ? undefined : parsed.query;
      anchoredAt = now;
      set({
        filter: {
          ...get().filter,
          applied: query,
          error: undefined,
          last: remember && query ? query : get().filter.last,
        },
      });
      get().refreshRows();
      return true;
    };

    return {
      filter: {
        applied: undefined,
        draft: '',
        editing: false,
        error: undefined,
        last: undefined,
        mode: 'filter',
      },
      startFilter: () => {
        beforeEditing = get().filter.applied?.text ?? '';
        set({
          filter: {
            ...get().filter,
            editing: true,
            draft: beforeEditing,
            error: undefined,
            mode: 'filter',
          },
        });
      },
      startNote: (target, text) => {
        set({
          filter: {
            ...get().filter,
            editing: true,
            draft: text,
            error: undefined,
            mode: 'note',
            note: target,
          },
        });
      },
      startCommand: () => {
        set({
          filter: { ...get().filter, editing: true, draft: '', error: undefined, mode: 'command' },
        });
      },
      setDraft: (text) => {
        set({ filter: { ...get().filter, draft: text } });
        if (get().filter.mode !== 'filter') return;
        cancelPending();
        const parsed = parseQuery(text, get().evidenceNow());
        // Show a syntax error as soon as it is typed; filter only once the typing pauses.
        set({ filter: { ...get().filter, error: parsed.ok ? undefined : parsed.error } });
        if (parsed.ok) pending = setTimeout(() => apply(get().filter.draft), LIVE_FILTER_DELAY_MS);
      },
      submitFilter: () => {
        cancelPending();
        if (get().filter.mode === 'note') {
          const { note, draft } = get().filter;
          set({
            filter: { ...get().filter, editing: false, mode: 'filter', draft: '', note: undefined },
          });
          if (note?.kind === 'step') get().setStepNote(note.id, draft.trim());
          else if (note?.kind === 'event') get().setEventNote(note.eventId, draft.trim());
          else if (note?.kind === 'skip') get().setStepState(note.id, 'skipped', draft.trim());
          else if (note?.kind === 'dismiss')
            get().reviewFinding(note.key, 'dismissed', draft.trim());
          else if (note?.kind === 'confirm') get().confirmContain(draft.trim());
          return;
        }
        if (get().filter.mode === 'command') {
          const command = parseCommand(get().filter.draft);
          set({ filter: { ...get().filter, editing: false, mode: 'filter', draft: '' } });
          if ('error' in command) set({ message: command.error });
          else get().navigate(command);
          return;
        }
        if (apply(get().filter.draft, true)) set({ filter: { ...get().filter, editing: false } });
      },
      cancelFilter: () => {
        cancelPending();
        if (get().filter.mode !== 'filter') {
          set({
            filter: { ...get().filter, editing: false, mode: 'filter', draft: '', note: undefined },
          });
          return;
        }
        set({
          filter: { ...get().filter, editing: false, draft: beforeEditing, error: undefined },
        });
        apply(beforeEditing);
      },
      clearFilter: () => {
        cancelPending();
        set({ filter: { ...get().filter, draft: '', error: undefined } });
        apply('');
      },
      reanchorFilter: () => {
        const { applied, last } = get().filter;
        const now = get().evidenceNow();
        if (!applied || now === anchoredAt) return;
        anchoredAt = now;
        const parsed = parseQuery(applied.text, now);
        if (!parsed.ok || isEmptyQuery(parsed.query)) return;
        set({
          filter: {
            ...get().filter,
            applied: parsed.query,
            last: last === applied ? parsed.query : last,
          },
        });
      },
      applyFilterText: (text) => {
        set({ filter: { ...get().filter, draft: text } });
        return apply(text, true);
      },
    };
  };
