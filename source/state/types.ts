import type { SigmaFilter } from '../detect/sigma/index.js';
import type { SourcedEntry, TuningEntry } from '../detect/tuning/index.js';
import type { CaseFile, CaseStore, StepState, SuspectKind } from '../case/index.js';
import type { Suspects } from '../triage/index.js';
import type { ClockSlice } from './clock-slice.js';
import type { IpFacts } from '../geo/index.js';
import type { EventIndex } from '../index/index.js';
import type { FileReport, LoadProgress, RecordReader } from '../ingest/index.js';
import type { DetailLine } from '../trail/detail-lines.js';
import type { Query, QuerySyntaxError } from '../trail/query/index.js';
import type {
  ContainCallView,
  ContainCheckView,
  ContainChoice,
  ContainPlanView,
  ContainService,
  ContainTarget,
} from './contain-service.js';
import type { InventoryState } from './inventory-lines.js';
import type { InventoryService } from './inventory-service.js';
import type { LiveProgressView, LiveService } from './live-service.js';
import type { ScreenSize } from './layout.js';
import type { ExplicitBaseline } from './explicit-baseline.js';
import type { FindingsSlice, TuningSlice } from './findings-types.js';

export type { DetectionStatus, FindingsSlice, TuneOffer, TuningSlice } from './findings-types.js';

export type Pane = 'stream' | 'detail';
export type Overlay = 'none' | 'help' | 'errors' | 'case';

export interface ViewSlice {
  size: ScreenSize;
  focus: Pane;
  overlay: Overlay;
  /** Presenter mode: account ids, key ids and IPs masked on screen and in exports. */
  presenter: boolean;
  togglePresenter: () => void;
  /** First line of the help or the load problems overlay shown (both scroll on small terminals). */
  helpScroll: number;
  scrollHelp: (delta: number) => void;
  /** A one-line message for the status bar (a hint or what just happened). */
  message: string;
  setSize: (size: ScreenSize) => void;
  focusNextPane: () => void;
  toggleOverlay: (overlay: Exclude<Overlay, 'none'>) => void;
  closeOverlay: () => void;
  quitRequested: boolean;
  requestQuit: () => void;
}

export interface StreamSlice {
  /** Rows shown, in time order: all events, or those matching the filter. */
  rows: Uint32Array;
  /** Events in the index (all of them, whatever the filter). */
  loaded: number;
  cursor: number;
  /** First visible position (scroll offset) of the stream window. */
  top: number;
  /** `o`: the newest event at the top, as CloudTrail's Event history lists (kept in the case). */
  newestFirst: boolean;
  toggleOrder: () => void;
  moveCursor: (delta: number) => void;
  moveCursorTo: (position: number) => void;
  page: (direction: 1 | -1) => void;
  /** n / N: the next or previous event matching the last query, in the rows on screen. */
  jumpToMatch: (direction: 1 | -1) => void;
  /** Re-reads the index (new rows, new filter), keeping the selected event selected. */
  refreshRows: () => void;
}

export interface FilterSlice {
  filter: {
    /** The query in force and its text. */
    applied: Query | undefined;
    /** The text being typed in the filter bar. */
    draft: string;
    editing: boolean;
    error: QuerySyntaxError | undefined;
    /** The last query that was applied, kept after it is cleared: n / N walk its matches. */
    last: Query | undefined;
    /** Whether the bar is taking a filter query, a `:` command, or a note. */
    mode: 'filter' | 'command' | 'note';
    /** What the note being typed is about (mode 'note'). */
    note?: NoteTarget;
  };
  startFilter: () => void;
  setDraft: (text: string) => void;
  submitFilter: () => void;
  cancelFilter: () => void;
  clearFilter: () => void;
  applyFilterText: (text: string) => boolean;
  /**
   * Resolves the applied filter's relative times (`after:1h`) again when now has moved: a
   * filter given before the trail loaded counts from the trail's end once it has.
   */
  reanchorFilter: () => void;
  /** `:` — the command line (`:user NAME`, `:ip ADDR`, `:key AKIA…`, `:findings`). */
  startCommand: () => void;
  /** Opens the bar for a note (or a skip reason), starting from `text`. */
  startNote: (target: NoteTarget, text: string) => void;
}

export interface DetailSlice {
  detailOpen: boolean;
  detail: {
    row: number;
    status: 'idle' | 'loading' | 'ready' | 'error';
    lines: DetailLine[];
    /** The record's eventID: its note and pin in the case show above the record. */
    eventId: string;
    error: string;
    scroll: number;
  };
  openDetail: () => void;
  closeDetail: () => void;
  scrollDetail: (delta: number) => void;
  /** Loads the selected event's full record when the detail pane shows it. */
  syncDetail: () => void;
}

export interface LoadSlice {
  source: string;
  progress: LoadProgress;
  reports: FileReport[];
  duplicates: number;
  reader: RecordReader | undefined;
  /** Set when the store is fed by a loader: discovered files become re-readable. */
  attachReader: (reader: RecordReader) => void;
  setProgress: (progress: LoadProgress) => void;
  setReports: (reports: FileReport[]) => void;
}

/** What a profile is about. */
export type ProfileTarget =
  { kind: 'principal'; name: string } | { kind: 'ip'; ip: string } | { kind: 'key'; key: string };

/** Where enter on an item leads. */
export type NavTarget =
  | ProfileTarget
  | { kind: 'events'; label: string; query: string }
  | { kind: 'rows'; label: string; rows: readonly number[] }
  | { kind: 'evidence'; key: string }
  | { kind: 'findings' }
  | { kind: 'checklist' }
  | { kind: 'guide'; stepId?: string }
  /** Containment of a target, or of a principal named as the trail shows it (resolved then). */
  | {
      kind: 'contain';
      target: ContainTarget | { kind: 'principal'; name: string };
      /** Actions to start picked: action ids, or the playbook steps they settle. */
      preselect?: string[];
    }
  /** `:w [PATH]`: the report, beside the case or at PATH (its format from the extension). */
  | { kind: 'write'; path?: string }
  | { kind: 'help' }
  | { kind: 'quit' }
  /** `:case`: the case's paths in full. */
  | { kind: 'case' };

/** One line of a profile: text, how it is shown, and where enter on it goes. */
export interface ProfileLine {
  text: string;
  tone: 'heading' | 'normal' | 'dim' | 'alert';
  target?: NavTarget;
}

/** A level of the drill-down: the breadcrumb is the stack of their labels. */
export type Screen =
  | {
      kind: 'stream';
      label: string;
      scope?: Uint32Array;
      /** Where the cursor was, and the filter in force, when a screen was opened over it. */
      savedCursor?: number;
      savedFilter?: string;
    }
  | {
      kind: 'profile';
      label: string;
      target: ProfileTarget;
      lines: ProfileLine[];
      cursor: number;
      top: number;
    }
  | { kind: 'findings'; label: string; cursor: number; top: number }
  /** The playbook checklist: a cursor over steps (by index into PLAYBOOK). */
  | { kind: 'checklist'; label: string; cursor: number; top: number }
  /** Guided mode: one step at a time, full width. */
  | { kind: 'guide'; label: string; step: number; scroll: number }
  /** Containment of one principal: pick actions, see the plan, confirm, watch it run. */
  | ContainScreen;

export type ContainPhase = 'choose' | 'planning' | 'plan' | 'running' | 'done' | 'failed';

export interface ContainScreen {
  kind: 'contain';
  label: string;
  target: ContainTarget;
  choices: ContainChoice[];
  /** Ids of the chosen actions, in the order of `choices`. */
  chosen: string[];
  cursor: number;
  phase: ContainPhase;
  plan?: ContainPlanView;
  calls: ContainCallView[];
  checks: ContainCheckView[];
  /** Why planning or running stopped, when it did. */
  error?: string;
  /** First line shown of the plan / results. */
  scroll: number;
}

export interface ContainSlice {
  /** `C`: containment of the profile's principal, or the selected event's. */
  openContain: () => void;
  /** space on the action list: picks or drops the action under the cursor. */
  toggleContainChoice: () => void;
  /** enter: plan the chosen actions, then confirm (typing the name when destructive), then run. */
  advanceContain: () => void;
  /** The typed confirmation of a destructive plan: runs it only if it names the target. */
  confirmContain: (typed: string) => void;
  scrollContain: (delta: number) => void;
}

export interface ScreenSlice {
  screens: Screen[];
  /** Opens a profile, the findings, or a scoped stream on top of the current screen. */
  navigate: (target: NavTarget) => void;
  /** The profile of the selected event's principal, source IP or access key. */
  openRowProfile: (kind: ProfileTarget['kind']) => void;
  /** Back one screen; false when already at the stream. */
  goBack: () => boolean;
  moveListCursor: (delta: number) => void;
  moveListCursorTo: (position: number) => void;
  pageList: (direction: 1 | -1) => void;
  /** enter on the selected line of a profile or the findings list. */
  activate: () => void;
  /** Recomputes an open profile (new findings or events arrived). */
  refreshScreen: () => void;
  /** The playbook step under the cursor (checklist) or on screen (guided mode). */
  currentStepId: () => string | undefined;
  /** enter on a step: run its query, open its profile or findings, or show its command. */
  openStep: (id: string) => void;
}

/** What a note being typed is about. */
export type NoteTarget =
  | { kind: 'step'; id: string }
  | { kind: 'event'; eventId: string }
  | { kind: 'skip'; id: string }
  | { kind: 'dismiss'; key: string }
  | { kind: 'confirm'; name: string };

export interface CaseSlice {
  caseFile: CaseFile | undefined;
  casePath: string;
  attachCase: (store: CaseStore) => void;
  /** `p`: pin the selected event (its full record) as evidence. */
  pinSelected: () => void;
  /** `m`: mark as suspect the profile's subject, or the selected event's principal. */
  markSuspect: (kind?: SuspectKind) => void;
  setStepState: (id: string, state: StepState, reason?: string) => void;
  cycleStep: (id: string) => void;
  setStepNote: (id: string, note: string) => void;
  setEventNote: (eventId: string, note: string) => void;
  /** `a` on the stream: a note on the selected event. */
  annotateSelected: () => void;
  /** The marked suspects the playbook fills its steps with. */
  suspects: () => Suspects;
  /** Records filter, selection and pane in the case, so reopening puts the analyst back. */
  saveView: () => void;
  /** Records the stream's order (`o`) in the case. */
  saveOrder: () => void;
  /** Acknowledges a finding, or dismisses it with a reason (kept in the case and the report). */
  reviewFinding: (key: string, verdict: 'acknowledged' | 'dismissed', reason?: string) => void;
  /** `:w [PATH]`: writes the incident report beside the case file (Markdown), or at PATH. */
  writeReport: (path?: string) => void;
  /** Appends an entry to the case's audit log (containment calls and their results). */
  recordAudit: (action: string, detail: string) => void;
  /** Adds a tuning entry to the case, audited (who, when, the entry, the reason). */
  addTuningEntry: (entry: TuningEntry) => boolean;
}

/** After a containment: who to watch for the next 30 minutes (AWS's playbook). */
export interface LiveWatch {
  principal: string;
  keys: string[];
  ips: string[];
  /** When the containment was verified (epoch ms); events before it do not count. */
  since: number;
  until: number;
  /** A finding was raised for it already. */
  raised: boolean;
}

export interface LiveSlice {
  live: {
    /** off: opened from files; ready: read done; following: polling. */
    status: 'off' | 'loading' | 'ready' | 'following' | 'failed';
    account: string;
    arn: string;
    regions: number;
    progress: LiveProgressView | undefined;
    lastPoll: number | undefined;
    polls: number;
    /** Rows from this one on arrived while following: the stream marks them `+`. */
    freshFrom: number;
    /**
     * Events in the index before the first live read: those of the SOURCE files when files are
     * merged with the live API (the rest came from LookupEvents); 0 under --live alone.
     */
    fromFiles: number;
    error: string | undefined;
    watches: LiveWatch[];
  };
  /** The first read of the live source (the case's cache, then what it lacks). */
  startLive: () => Promise<void>;
  /** esc while the first read runs: stops it and keeps what came; false when nothing runs. */
  cancelLive: () => boolean;
  /** `f`: follow mode on or off. */
  toggleFollow: () => void;
  /** Watches a contained principal (its keys and addresses) for 30 minutes. */
  watchContained: (watch: Omit<LiveWatch, 'until' | 'raised'>) => void;
  /** Stops polling and any read (on quit). */
  stopLive: () => void;
}

export interface InventorySlice {
  /** By `user:NAME` / `role:NAME`: what the profile shows of IAM now. */
  inventories: Readonly<Record<string, InventoryState>>;
  /** Reads a principal's IAM inventory (once, unless `refresh`); no-op without --live. */
  loadInventory: (principal: string, refresh?: boolean) => void;
  /** `r` on a principal profile: reads IAM again. */
  refreshInventory: () => void;
}

export type AppState = ViewSlice &
  ClockSlice &
  StreamSlice &
  FilterSlice &
  DetailSlice &
  LoadSlice &
  ScreenSlice &
  FindingsSlice &
  CaseSlice &
  ContainSlice &
  LiveSlice &
  InventorySlice &
  TuningSlice;

/** StoreDeps with the defaults filled in: what the slices see. */
export type ResolvedDeps = StoreDeps & Required<Pick<StoreDeps, 'ipFacts' | 'ipDataDate'>>;

/** What the store needs from outside: the index it shows and a clock for relative times. */
export interface StoreDeps {
  index: EventIndex;
  /** Offline facts about an address, for profiles; the bundled geo database by default. */
  ipFacts?: (ip: string) => IpFacts;
  /** Says which offline data the IP facts come from and how old it is. */
  ipDataDate?: string;
  /** The wall clock (throttling, polls, audit times); relative queries use ClockSlice's now. */
  now: () => number;
  /** `--now T` (epoch ms): now for relative times, instead of the trail's end or the clock. */
  givenNow?: number;
  source: string;
  size: ScreenSize;
  /** Containment against AWS; absent when the trail was opened from files only. */
  contain?: ContainService;
  /** The live source (`--live`); absent when the trail was opened from files. */
  live?: LiveService;
  /** IAM inventories for principal profiles (--live). */
  inventory?: InventoryService;
  /** Runs the detections again over the whole index (follow mode, when new events came). */
  redetect?: () => Promise<void>;
  /** What the detections learn from besides the trail (`--baseline-until`, `--baseline`). */
  baseline?: ExplicitBaseline;
  /** Seconds between follow-mode polls (default 30). */
  followSeconds?: number;
  /** `--tuning FILE`s' entries (the case's own are added when it is attached). */
  tuning?: readonly SourcedEntry[];
  /** Sigma filters loaded with `--rules`: tuning too. */
  ruleFilters?: readonly SigmaFilter[];
}
