/**
 * Every key the app answers, as data: the dispatcher routes by context, the help overlay lists
 * this table, so the two cannot disagree. Keys follow k9s / lazygit / less.
 */
export type Command =
  | 'cursor.down'
  | 'cursor.up'
  | 'page.down'
  | 'page.up'
  | 'cursor.first'
  | 'cursor.last'
  | 'filter.open'
  | 'match.next'
  | 'match.previous'
  | 'pane.next'
  | 'stream.order'
  | 'detail.open'
  | 'profile.principal'
  | 'profile.ip'
  | 'profile.key'
  | 'findings.open'
  | 'command.open'
  | 'presenter.toggle'
  | 'case.pin'
  | 'case.mark'
  | 'case.annotate'
  | 'checklist.open'
  | 'step.cycle'
  | 'step.skip'
  | 'step.na'
  | 'step.note'
  | 'finding.acknowledge'
  | 'finding.dismiss'
  | 'findings.suppressed'
  | 'item.open'
  | 'contain.open'
  | 'live.follow'
  | 'inventory.refresh'
  | 'contain.toggle'
  | 'back'
  | 'help'
  | 'errors'
  | 'quit';

/** Stream and detail are the panes of a stream screen; profile and findings are screens. */
export type KeyContext =
  'stream' | 'detail' | 'profile' | 'findings' | 'checklist' | 'guide' | 'contain';

export interface Binding {
  keys: string[];
  command: Command;
  help: string;
  contexts: KeyContext[];
}

const BOTH: KeyContext[] = ['stream', 'detail'];
const LISTS: KeyContext[] = ['profile', 'findings'];
const STEPS: KeyContext[] = ['checklist', 'guide'];
/** Dialogs: q closes them (as esc does) rather than quit the app from inside a flow. */
export const DIALOGS: KeyContext[] = ['contain'];
const EVERYWHERE: KeyContext[] = [...BOTH, ...LISTS, ...STEPS, 'contain'];
const SCREENS = EVERYWHERE.filter((context) => !DIALOGS.includes(context));

export const BINDINGS: Binding[] = [
  {
    keys: ['j', 'down'],
    command: 'cursor.down',
    help: 'next event or line / scroll down',
    contexts: EVERYWHERE,
  },
  {
    keys: ['k', 'up'],
    command: 'cursor.up',
    help: 'previous event or line / scroll up',
    contexts: EVERYWHERE,
  },
  {
    keys: ['pagedown', 'ctrl+f', 'space'],
    command: 'page.down',
    help: 'page down',
    contexts: EVERYWHERE,
  },
  { keys: ['pageup', 'ctrl+b'], command: 'page.up', help: 'page up', contexts: EVERYWHERE },
  {
    keys: ['g', 'home'],
    command: 'cursor.first',
    help: 'first (oldest) event / top',
    contexts: EVERYWHERE,
  },
  {
    keys: ['G', 'end'],
    command: 'cursor.last',
    help: 'last (newest) event / bottom',
    contexts: EVERYWHERE,
  },
  {
    keys: ['/'],
    command: 'filter.open',
    help: 'filter the stream (query language)',
    contexts: BOTH,
  },
  {
    keys: ['n'],
    command: 'match.next',
    help: 'next event matching the last filter',
    contexts: BOTH,
  },
  {
    keys: ['N'],
    command: 'match.previous',
    help: 'previous event matching the last filter',
    contexts: BOTH,
  },
  {
    keys: ['o'],
    command: 'stream.order',
    help: 'newest first / oldest first (kept in the case)',
    contexts: BOTH,
  },
  { keys: ['tab'], command: 'pane.next', help: 'switch between stream and detail', contexts: BOTH },
  {
    keys: ['return'],
    command: 'profile.principal',
    help: "profile of the event's principal",
    contexts: ['stream'],
  },
  { keys: ['i'], command: 'profile.ip', help: "profile of the event's source IP", contexts: BOTH },
  {
    keys: ['K'],
    command: 'profile.key',
    help: "profile of the event's access key",
    contexts: BOTH,
  },
  { keys: ['d'], command: 'detail.open', help: 'open the event detail', contexts: ['stream'] },
  {
    keys: ['return'],
    command: 'item.open',
    help: 'open the selected line (profile, evidence, step)',
    contexts: [...LISTS, ...STEPS],
  },
  {
    keys: ['C'],
    command: 'contain.open',
    help: 'contain the principal: plan, confirm, run',
    contexts: [...BOTH, 'profile'],
  },
  {
    keys: ['r'],
    command: 'inventory.refresh',
    help: 'profile (--live): read IAM again',
    contexts: ['profile'],
  },
  {
    keys: ['f'],
    command: 'live.follow',
    help: 'follow mode (--live): poll for new events, mark them +',
    contexts: EVERYWHERE,
  },
  {
    keys: ['space'],
    command: 'contain.toggle',
    help: 'containment: pick or drop the action',
    contexts: ['contain'],
  },
  {
    keys: ['return'],
    command: 'item.open',
    help: 'containment: plan, confirm, run (again: what is left)',
    contexts: ['contain'],
  },
  {
    keys: ['F'],
    command: 'findings.open',
    help: 'findings, most severe first',
    contexts: EVERYWHERE,
  },
  {
    keys: [':'],
    command: 'command.open',
    help: 'command: user NAME, ip ADDRESS, key AKIA…, findings',
    contexts: EVERYWHERE,
  },
  {
    keys: ['escape'],
    command: 'back',
    help: 'back one level (pane, filter, screen)',
    contexts: EVERYWHERE,
  },
  {
    keys: ['p'],
    command: 'case.pin',
    help: 'pin / unpin the event as evidence in the case',
    contexts: BOTH,
  },
  {
    keys: ['m'],
    command: 'case.mark',
    help: "mark the event's or profile's principal as suspect",
    contexts: [...BOTH, ...LISTS],
  },
  {
    keys: ['a'],
    command: 'case.annotate',
    help: 'annotate the event (in the checklist: the step)',
    contexts: [...BOTH, ...STEPS],
  },
  {
    keys: ['y'],
    command: 'finding.acknowledge',
    help: 'acknowledge the finding (it is real)',
    contexts: ['findings'],
  },
  {
    keys: ['x'],
    command: 'finding.dismiss',
    help: 'dismiss the finding (asks why)',
    contexts: ['findings'],
  },
  {
    keys: ['T'],
    command: 'findings.suppressed',
    help: 'show / hide the findings tuning suppressed',
    contexts: ['findings'],
  },
  { keys: ['e'], command: 'step.note', help: "edit the step's note", contexts: STEPS },
  { keys: ['c'], command: 'checklist.open', help: 'the triage checklist', contexts: EVERYWHERE },
  {
    keys: ['space'],
    command: 'step.cycle',
    help: 'step state: todo → in progress → done',
    contexts: STEPS,
  },
  { keys: ['s'], command: 'step.skip', help: 'skip the step (asks why)', contexts: STEPS },
  { keys: ['x'], command: 'step.na', help: 'the step does not apply', contexts: STEPS },
  {
    keys: ['R'],
    command: 'presenter.toggle',
    help: 'presenter mode: mask account ids, key ids and IPs',
    contexts: EVERYWHERE,
  },
  { keys: ['?'], command: 'help', help: 'this help', contexts: EVERYWHERE },
  {
    keys: ['E'],
    command: 'errors',
    help: 'files and records that failed to load',
    contexts: EVERYWHERE,
  },
  { keys: ['q'], command: 'back', help: 'close the dialog (containment)', contexts: DIALOGS },
  { keys: ['q'], command: 'quit', help: 'quit (also :q)', contexts: SCREENS },
  { keys: ['ctrl+c'], command: 'quit', help: 'quit, from anywhere', contexts: EVERYWHERE },
];

const LOOKUP = new Map<string, Command>();
for (const binding of BINDINGS) {
  for (const context of binding.contexts) {
    for (const key of binding.keys) LOOKUP.set(`${context}:${key}`, binding.command);
  }
}

export function commandFor(context: KeyContext, key: string): Command | undefined {
  return LOOKUP.get(`${context}:${key}`);
}

/** The query language at a glance; each line fits 80 columns with the help's indent. */
export const FILTER_HELP = [
  'user:KeyHunter ip:10.0.0.0/8 event:Create* source:iam* region: account: key:',
  'error:* type:Root ua:*kali* resource:"Threat Intelligence.docx" bucket:dora-*',
  'after:24h before:2025-03-14  -negates  * wildcard  bare words match any field',
  'event:Create*,Delete* any of   a OR b   (a OR b) c groups   -(a b) negates',
  'user:123456789012/KeyHunter  that account’s KeyHunter (of several loaded)',
];
