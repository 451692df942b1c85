import { presenterMode, setPresenterMode } from '../trail/presenter-mask.js';
import type { StateCreator } from 'zustand/vanilla';
import type { AppState, StoreDeps, ViewSlice } from './types.js';

export const createViewSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], ViewSlice> =>
  (set, get) => ({
    size: deps.size,
    focus: 'stream',
    overlay: 'none',
    helpScroll: 0,
    presenter: presenterMode(),
    togglePresenter: () => {
      setPresenterMode(!get().presenter);
      set({
        presenter: presenterMode(),
        message: presenterMode()
          ? 'presenter mode: ids and addresses masked'
          : 'presenter mode off',
        // The detail's lines were sanitized (and so masked, or not) when read: read them again.
        detail: { ...get().detail, row: -1 },
      });
      get().syncDetail();
    },
    scrollHelp: (delta) => set({ helpScroll: Math.max(0, get().helpScroll + delta) }),
    message: '',
    quitRequested: false,
    setSize: (size) => {
      set({ size });
      // Pane heights depend on the size: keep the cursor on screen and the detail in range.
      get().moveCursor(0);
      get().scrollDetail(0);
    },
    focusNextPane: () => {
      const { detailOpen, focus } = get();
      if (!detailOpen) return;
      set({ focus: focus === 'stream' ? 'detail' : 'stream' });
    },
    toggleOverlay: (overlay) =>
      set({ overlay: get().overlay === overlay ? 'none' : overlay, helpScroll: 0 }),
    closeOverlay: () => set({ overlay: 'none' }),
    requestQuit: () => set({ quitRequested: true }),
  });
