import { Box, Text } from 'ink';
import { useShallow } from 'zustand/react/shallow';
import { displayWidth, fitWidth, sanitizeText } from '../trail/sanitize.js';
import { messageFits } from './status-line.js';
import { useAppState } from './store-context.js';
import { useTheme } from './theme.js';
import { wrapLine } from './wrap-line.js';
import { useStatusParts } from './use-status-parts.js';

/** At most this many lines for a message too long for one (a refused save names file and why). */
const MESSAGE_LINES = 4;

/** A long message wrapped to the width, so its reason is read whole (never cut in the middle). */
function messageLines(message: string, width: number): string[] {
  const lines = wrapLine(`» ${message}`, width);
  if (lines.length <= MESSAGE_LINES) return lines;
  const kept = lines.slice(0, MESSAGE_LINES);
  kept[MESSAGE_LINES - 1] = fitWidth(`${kept[MESSAGE_LINES - 1]!} …`, width);
  return kept;
}

/**
 * Lines the filter bar takes: one, or a long message's wrapped lines (the App gives the body
 * that much less room).
 */
export function useFilterBarRows(width: number): number {
  const busy = useAppState(
    (state) =>
      state.filter.editing || state.filter.error !== undefined || state.tuneOffer !== undefined,
  );
  const parts = useStatusParts();
  if (busy || messageFits(parts, width)) return 1;
  return messageLines(parts.message, width).length;
}

/** The filter line: the query being typed with its syntax error inline, or the one in force. */
export function FilterBar({ width }: { width: number }) {
  const theme = useTheme();
  const filter = useAppState(useShallow((state) => state.filter));
  const parts = useStatusParts();
  const offer = useAppState((state) => state.tuneOffer);
  const scope = useAppState((state) => {
    const top = state.screens[state.screens.length - 1]!;
    return top.kind === 'stream' && top.scope ? top.label : '';
  });
  if (filter.editing) {
    // A long query scrolls: its end (where the analyst types) and the error always stay visible.
    let draft = sanitizeText(filter.draft);
    const errorRoom = width - 2 - Math.min(displayWidth(draft), Math.floor(width / 2));
    const errorText = filter.error ? `  ✗ ${sanitizeText(filter.error.message)}` : '';
    const error = displayWidth(errorText) > errorRoom ? fitWidth(errorText, errorRoom) : errorText;
    const room = Math.max(1, width - 2 - displayWidth(error));
    if (displayWidth(draft) > room) {
      while (displayWidth(draft) > room - 1) draft = draft.slice(1);
      draft = `…${draft}`;
    }
    return (
      <Text wrap="truncate">
        <Text bold>
          {filter.mode === 'command'
            ? ':'
            : filter.mode === 'note'
              ? filter.note?.kind === 'skip'
                ? 'skip because: '
                : filter.note?.kind === 'dismiss'
                  ? 'dismiss because: '
                  : filter.note?.kind === 'confirm'
                    ? `type ${sanitizeText(filter.note.name)} to run it: `
                    : 'note: '
              : '/'}
        </Text>
        <Text>{draft}</Text>
        <Text inverse> </Text>
        <Text color={theme.error}>{error.trimEnd()}</Text>
      </Text>
    );
  }
  if (offer) {
    const network = offer.network ? ` · n: only from ${offer.network}` : '';
    return (
      <Text bold wrap="truncate">
        {fitWidth(
          `never again for ${sanitizeText(offer.principal)}? p: yes${network} · esc: no`,
          width,
        )}
      </Text>
    );
  }
  if (filter.error) {
    return (
      <Text color={theme.error} wrap="truncate">
        {fitWidth(`✗ ${sanitizeText(filter.error.message)}`, width)}
      </Text>
    );
  }
  // What just happened, too long to sit beside the status bar's counts, is read whole here:
  // wrapped (a refused save's reason was cut in the middle at 80 columns).
  if (!messageFits(parts, width)) {
    return (
      <Box flexDirection="column">
        {messageLines(parts.message, width).map((line, i) => (
          <Text key={i} bold wrap="truncate">
            {line}
          </Text>
        ))}
      </Box>
    );
  }
  const scoped = scope ? `${sanitizeText(scope)} · ` : '';
  const text = filter.applied
    ? `${scoped}filter: ${sanitizeText(filter.applied.text)}   (esc clears, / edits)`
    : scope
      ? `showing ${sanitizeText(scope)}   (esc back, / to filter)`
      : 'no filter   (/ to filter, : command, ? for help)';
  return (
    <Text dimColor={theme.dim} wrap="truncate">
      {fitWidth(text, width)}
    </Text>
  );
}
