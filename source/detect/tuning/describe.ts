import type { Tuning } from './compile.js';
import type { TuningEntry } from './model.js';

/** One line per entry, for the report's "tuning used" and `findings`' footer. Raw text: escape it. */
export function describeEntry(entry: TuningEntry): string {
  switch (entry.kind) {
    case 'network':
      return `known network ${entry.cidr}${entry.label ? ` (${entry.label})` : ''}`;
    case 'role':
      return `${entry.role} role ${entry.principal}${entry.label ? ` (${entry.label})` : ''} expected: ${entry.expects.join(', ')}${entry.networks ? ` from ${entry.networks.join(', ')}` : ''}`;
    case 'account':
      return `expected account ${entry.account}${entry.label ? ` (${entry.label})` : ''}`;
    case 'suppress':
      return `suppress ${entry.rule}${entry.principal ? ` for ${entry.principal}` : ''}${entry.network ? ` from ${entry.network}` : ''}${entry.until ? ` until ${entry.until}` : ''}: ${entry.reason}${entry.by ? ` (${entry.by}${entry.at ? `, ${entry.at}` : ''})` : ''}`;
    case 'filter': {
      const title = entry.document.title;
      return `Sigma filter ${typeof title === 'string' ? title : '(untitled)'}`;
    }
  }
}

/** Every entry in force, with where it came from: `tuning.yml networks[0]: known network …`. */
export function describeTuning(tuning: Tuning): string[] {
  return [
    ...tuning.entries.map(
      ({ entry, origin }) => `${origin.source} ${origin.at}: ${describeEntry(entry)}`,
    ),
    ...tuning.filters
      // Filters loaded with --rules; a tuning file's own are among the entries above.
      .filter(({ origin }) => !tuning.entries.some((sourced) => sourced.origin === origin))
      .map(({ entry }) => `${entry.file}: Sigma filter ${entry.title}`),
  ];
}
