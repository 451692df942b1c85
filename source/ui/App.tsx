import { Box, Text, useApp } from 'ink';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { EventIndex } from '../index/index.js';
import { layoutFor } from '../state/index.js';
import { DetailPane } from './DetailPane.js';
import { CaseOverlay } from './CaseOverlay.js';
import { ErrorsOverlay } from './ErrorsOverlay.js';
import { EventList } from './EventList.js';
import { FilterBar, useFilterBarRows } from './FilterBar.js';
import { ChecklistView } from './ChecklistView.js';
import { ContainView } from './ContainView.js';
import { FindingsView } from './FindingsView.js';
import { GuideView } from './GuideView.js';
import { ProfileView } from './ProfileView.js';
import { HelpOverlay } from './HelpOverlay.js';
import { KeyDispatcher } from './keys/KeyDispatcher.js';
import { StatusBar } from './StatusBar.js';
import { useAppState } from './store-context.js';

/** The whole screen: stream (and detail), filter line, status bar; overlays replace the body. */
export function App({ index }: { index: EventIndex }) {
  const { exit } = useApp();
  const view = useAppState(
    useShallow((s) => ({
      size: s.size,
      detailOpen: s.detailOpen,
      focus: s.focus,
      overlay: s.overlay,
      quit: s.quitRequested,
      screen: s.screens[s.screens.length - 1]!.kind,
      presenter: s.presenter,
    })),
  );
  useEffect(() => {
    if (view.quit) exit();
  }, [view.quit, exit]);

  const layout = layoutFor(view.size, view.detailOpen);
  // One column short of the edge: a line that fills the last column makes some terminals wrap
  // early, which shifts every later line of an incremental redraw.
  const width = Math.max(1, view.size.columns - 1);
  const filterRows = useFilterBarRows(width);
  if (layout.tooSmall) {
    return (
      <Box height={layout.frameRows}>
        <KeyDispatcher />
        <Text wrap="truncate">
          terminal too small ({width}×{view.size.rows}); trailhound needs 40×10. q quits.
        </Text>
      </Box>
    );
  }
  // The filter bar may take a long message's wrapped lines: the body gives up that many rows.
  const bodyRows = Math.max(1, layout.frameRows - 1 - filterRows);
  let body;
  if (view.overlay === 'help') body = <HelpOverlay width={width} height={bodyRows} />;
  else if (view.overlay === 'errors') body = <ErrorsOverlay width={width} height={bodyRows} />;
  else if (view.overlay === 'case') body = <CaseOverlay width={width} height={bodyRows} />;
  else if (view.screen === 'profile') body = <ProfileView width={width} height={bodyRows} />;
  else if (view.screen === 'findings') body = <FindingsView width={width} height={bodyRows} />;
  else if (view.screen === 'checklist') body = <ChecklistView width={width} height={bodyRows} />;
  else if (view.screen === 'contain') body = <ContainView width={width} height={bodyRows} />;
  else if (view.screen === 'guide')
    body = <GuideView index={index} width={width} height={bodyRows} />;
  else {
    body = (
      <>
        <EventList
          index={index}
          width={width}
          height={layout.streamRows}
          focused={view.focus === 'stream'}
        />
        {view.detailOpen ? (
          <DetailPane width={width} height={layout.detailRows} focused={view.focus === 'detail'} />
        ) : null}
      </>
    );
  }
  return (
    <Box flexDirection="column" width={width} height={layout.frameRows} overflow="hidden">
      <KeyDispatcher />
      {/* Remounted when presenter mode flips: memoized rows must be drawn again, masked or not. */}
      <Box
        key={view.presenter ? 'masked' : 'plain'}
        flexDirection="column"
        height={bodyRows}
        overflow="hidden"
      >
        {body}
      </Box>
      <FilterBar width={width} />
      <StatusBar width={width} />
    </Box>
  );
}
