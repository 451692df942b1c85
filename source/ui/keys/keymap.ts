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
  | 'detail.open'
  | 'back'
  | 'help'
  | 'errors'
  | 'quit';

export type KeyContext = 'stream' | 'detail';

export interface Binding {
  keys: string[];
  command: Command;
  help: string;
  contexts: KeyContext[];
}

const BOTH: KeyContext[] = ['stream', 'detail'];

export const BINDINGS: Binding[] = [
  { keys: ['j', 'down'], command: 'cursor.down', help: 'next event / scroll down', contexts: BOTH },
  { keys: ['k', 'up'], command: 'cursor.up', help: 'previous event / scroll up', contexts: BOTH },
  {
    keys: ['pagedown', 'ctrl+f', 'space'],
    command: 'page.down',
    help: 'page down',
    contexts: BOTH,
  },
  { keys: ['pageup', 'ctrl+b'], command: 'page.up', help: 'page up', contexts: BOTH },
  {
    keys: ['g', 'home'],
    command: 'cursor.first',
    help: 'first (oldest) event / top',
    contexts: BOTH,
  },
  {
    keys: ['G', 'end'],
    command: 'cursor.last',
    help: 'last (newest) event / bottom',
    contexts: BOTH,
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
  { keys: ['tab'], command: 'pane.next', help: 'switch between stream and detail', contexts: BOTH },
  { keys: ['return'], command: 'detail.open', help: 'open the event detail', contexts: ['stream'] },
  {
    keys: ['escape'],
    command: 'back',
    help: 'back one level: close pane, clear filter',
    contexts: BOTH,
  },
  { keys: ['?'], command: 'help', help: 'this help', contexts: BOTH },
  { keys: ['E'], command: 'errors', help: 'files and records that failed to load', contexts: BOTH },
  { keys: ['q', 'ctrl+c'], command: 'quit', help: 'quit', contexts: BOTH },
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
];
