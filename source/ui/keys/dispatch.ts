import { layoutFor, type AppState } from '../../state/index.js';
import { commandFor, type Command, type KeyContext } from './keymap.js';

/** Line editing in the filter bar: the only place typed text goes. */
function editFilter(state: AppState, input: string, name: string): void {
  const draft = state.filter.draft;
  switch (name) {
    case 'return':
      return state.submitFilter();
    case 'escape':
      return state.cancelFilter();
    case 'ctrl+c':
      return state.requestQuit();
    case 'backspace':
      return state.setDraft(draft.slice(0, -1));
    case 'ctrl+u':
      return state.setDraft('');
    case 'ctrl+w':
      return state.setDraft(draft.replace(/\S+\s*$/, ''));
    default:
      // Printable text only (a paste may bring several characters at once).
      if (input && !/[\x00-\x1f\x7f]/.test(input) && !name.startsWith('ctrl+'))
        state.setDraft(draft + input);
  }
}

function runInDetail(state: AppState, command: Command): boolean {
  const height = layoutFor(state.size, state.detailOpen).detailRows;
  const scroll: Partial<Record<Command, number>> = {
    'cursor.down': 1,
    'cursor.up': -1,
    'page.down': height,
    'page.up': -height,
    'cursor.first': -Infinity,
    'cursor.last': Infinity,
  };
  const delta = scroll[command];
  if (delta === undefined) return false;
  // g / G: the store clamps to the wrapped rows, which outnumber the record's lines.
  state.scrollDetail(
    Number.isFinite(delta) ? delta : delta > 0 ? Number.MAX_SAFE_INTEGER : -Number.MAX_SAFE_INTEGER,
  );
  return true;
}

/** Profiles and the findings list: a cursor over lines, enter to follow, esc to go back. */
function runInList(state: AppState, command: Command): void {
  switch (command) {
    case 'cursor.down':
      return state.moveListCursor(1);
    case 'cursor.up':
      return state.moveListCursor(-1);
    case 'page.down':
      return state.pageList(1);
    case 'page.up':
      return state.pageList(-1);
    case 'cursor.first':
      return state.moveListCursorTo(0);
    case 'cursor.last':
      return state.moveListCursorTo(Number.MAX_SAFE_INTEGER);
    case 'item.open':
      return state.activate();
    case 'case.mark':
      return state.markSuspect();
    case 'findings.suppressed':
      return state.toggleSuppressed();
    case 'finding.acknowledge':
    case 'finding.dismiss': {
      const top = state.screens[state.screens.length - 1]!;
      const finding = top.kind === 'findings' ? state.listedFindings[top.cursor] : undefined;
      if (!finding) return;
      if (command === 'finding.acknowledge')
        return state.reviewFinding(finding.key, 'acknowledged');
      return state.startNote({ kind: 'dismiss', key: finding.key }, '');
    }
    case 'back':
      state.goBack();
      return;
    default:
      return runAnywhere(state, command);
  }
}

/** The checklist and guided mode: j/k walk the steps, space cycles, e / a note, s skips. */
function runInSteps(state: AppState, command: Command): void {
  const id = state.currentStepId();
  switch (command) {
    case 'step.cycle':
      if (id) state.cycleStep(id);
      return;
    case 'step.na':
      if (id) state.setStepState(id, 'not-applicable');
      return;
    case 'step.skip':
      if (id) state.startNote({ kind: 'skip', id }, '');
      return;
    case 'step.note':
    case 'case.annotate':
      if (id) state.startNote({ kind: 'step', id }, state.caseFile?.steps[id]?.note ?? '');
      return;
    default:
      return runInList(state, command);
  }
}

/** The containment screen: j/k pick a line, space picks an action, enter moves the flow on. */
function runInContain(state: AppState, command: Command): void {
  const page = layoutFor(state.size, false).streamRows;
  switch (command) {
    case 'cursor.down':
      return state.scrollContain(1);
    case 'cursor.up':
      return state.scrollContain(-1);
    case 'page.down':
      return state.scrollContain(page);
    case 'page.up':
      return state.scrollContain(-page);
    case 'cursor.first':
      return state.scrollContain(-Number.MAX_SAFE_INTEGER);
    case 'cursor.last':
      return state.scrollContain(Number.MAX_SAFE_INTEGER);
    case 'contain.toggle':
      return state.toggleContainChoice();
    case 'item.open':
      return state.advanceContain();
    case 'back':
      // Calls in flight finish and are audited whatever screen is on top.
      state.goBack();
      return;
    default:
      return runAnywhere(state, command);
  }
}

/** Commands that mean the same on every screen. */
function runAnywhere(state: AppState, command: Command): void {
  switch (command) {
    case 'findings.open':
      return state.navigate({ kind: 'findings' });
    case 'contain.open':
      return state.openContain();
    case 'live.follow':
      return state.toggleFollow();
    case 'inventory.refresh':
      return state.refreshInventory();
    case 'command.open':
      return state.startCommand();
    case 'presenter.toggle':
      return state.togglePresenter();
    case 'checklist.open':
      return state.navigate({ kind: 'checklist' });
    case 'help':
      return state.toggleOverlay('help');
    case 'errors':
      return state.toggleOverlay('errors');
    case 'quit':
      return state.requestQuit();
    default:
      return;
  }
}

function run(state: AppState, command: Command): void {
  if (state.focus === 'detail' && runInDetail(state, command)) return;
  switch (command) {
    case 'cursor.down':
      return state.moveCursor(1);
    case 'cursor.up':
      return state.moveCursor(-1);
    case 'page.down':
      return state.page(1);
    case 'page.up':
      return state.page(-1);
    case 'cursor.first':
      return state.moveCursorTo(0);
    case 'cursor.last':
      return state.moveCursorTo(state.rows.length - 1);
    case 'filter.open':
      return state.startFilter();
    case 'match.next':
      return state.jumpToMatch(1);
    case 'match.previous':
      return state.jumpToMatch(-1);
    case 'pane.next':
      return state.focusNextPane();
    case 'stream.order':
      return state.toggleOrder();
    case 'detail.open':
      return state.openDetail();
    case 'profile.principal':
      return state.openRowProfile('principal');
    case 'profile.ip':
      return state.openRowProfile('ip');
    case 'profile.key':
      return state.openRowProfile('key');
    case 'case.pin':
      return state.pinSelected();
    case 'case.mark':
      return state.markSuspect();
    case 'case.annotate':
      return state.annotateSelected();
    case 'back':
      if (state.cancelLive() || state.cancelPull()) return;
      if (state.detailOpen) return state.closeDetail();
      if (state.filter.applied || state.filter.error) return state.clearFilter();
      state.goBack();
      return;
    default:
      return runAnywhere(state, command);
  }
}

/** Which key map applies: the screen on top, and on a stream screen the focused pane. */
export function keyContext(state: AppState): KeyContext {
  const top = state.screens[state.screens.length - 1]!;
  return top.kind === 'stream' ? state.focus : top.kind;
}

/** Routes one keypress by what has the keyboard: an overlay, the filter bar, or the focused pane. */
export function dispatchKey(state: AppState, input: string, name: string): void {
  if (state.filter.editing) return editFilter(state, input, name);
  if (state.overlay !== 'none') {
    if (name === 'ctrl+c') return state.requestQuit();
    if (name === 'escape' || name === 'q' || name === '?' || name === 'E')
      return state.closeOverlay();
    const height = layoutFor(state.size, false).streamRows;
    const scroll: Record<string, number> = {
      j: 1,
      down: 1,
      k: -1,
      up: -1,
      space: height,
      pagedown: height,
      pageup: -height,
    };
    // The help and the load problems scroll alike (the store keeps one overlay scroll).
    if ((state.overlay === 'help' || state.overlay === 'errors') && scroll[name] !== undefined)
      state.scrollHelp(scroll[name]);
    return;
  }
  if (state.tuneOffer) {
    // The question after a dismissal: p / n answer it; any other key declines and goes on.
    if (name === 'p') return state.acceptTuneOffer('principal');
    if (name === 'n' && state.tuneOffer.network) return state.acceptTuneOffer('network');
    state.declineTuneOffer();
    if (name === 'escape') return;
  }
  const context = keyContext(state);
  const command = commandFor(context, name);
  if (!command) return;
  if (context === 'contain') runInContain(state, command);
  else if (context === 'checklist' || context === 'guide') runInSteps(state, command);
  else if (context === 'profile' || context === 'findings') runInList(state, command);
  else run(state, command);
}
