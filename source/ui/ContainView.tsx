import { Box, Text } from 'ink';
import SelectInput from 'ink-select-input';
import { fitWidth, sanitizeText } from '../trail/sanitize.js';
import type { ContainScreen } from '../state/index.js';
import { Breadcrumb } from './Breadcrumb.js';
import { ListView, type ListLine } from './ListView.js';
import { useAppState } from './store-context.js';
import { useTheme } from './theme.js';
import { wrapLine } from './wrap-line.js';

const HINTS: Record<ContainScreen['phase'], string> = {
  choose: 'space pick · enter plan · esc back',
  planning: 'reading the account…',
  plan: 'enter confirm · esc back',
  running: 'running…',
  done: 'enter / esc back',
  failed: 'enter plan what is left · esc back',
};

function choiceLabel(screen: ContainScreen, index: number): string {
  const choice = screen.choices[index]!;
  const mark = choice.disabled ? '-' : screen.chosen.includes(choice.id) ? 'x' : ' ';
  const flag = choice.destructive ? ' (deletes)' : '';
  const why = choice.disabled ? ` — ${choice.disabled}` : '';
  return `[${mark}] ${choice.label}${flag}${why}`;
}

/** The plan, the calls as they ran and the state read back, as lines wrapped to the width. */
function resultLines(screen: ContainScreen, width: number): ListLine[] {
  const lines: ListLine[] = [];
  const add = (text: string, tone: ListLine['tone'] = 'normal') => {
    for (const part of wrapLine(sanitizeText(text), width - 1))
      lines.push({ text: part, tone, selectable: false });
  };
  const plan = screen.plan;
  if (screen.phase === 'planning') add('Reading the current state from AWS…', 'dim');
  if (plan && (screen.phase === 'plan' || screen.calls.length === 0)) {
    add(`Plan: ${plan.commands.length} call${plan.commands.length === 1 ? '' : 's'}`, 'heading');
    for (const command of plan.commands) add(`  ${command}`);
    if (plan.done.length > 0) {
      add('Already so (not called again):', 'heading');
      for (const done of plan.done) add(`  ${done}`, 'dim');
    }
    for (const note of plan.notes) add(`· ${note}`, 'dim');
    for (const warning of plan.warnings) add(`! ${warning}`, 'alert');
    if (screen.phase === 'plan' && plan.commands.length > 0)
      add(
        plan.destructive || plan.warnings.length > 0
          ? `enter, then type ${screen.target.name} to run it`
          : 'enter runs it',
        'dim',
      );
  }
  if (screen.calls.length > 0) add('Calls', 'heading');
  for (const call of screen.calls)
    add(`${call.ok ? '✓' : '✗'} ${call.command} → ${call.detail}`, call.ok ? 'normal' : 'alert');
  if (screen.checks.length > 0) add('Verified by reading back', 'heading');
  for (const check of screen.checks)
    add(`${check.ok ? '✓' : '✗'} ${check.label}: ${check.detail}`, check.ok ? 'normal' : 'alert');
  if (screen.error) add(`✗ ${screen.error}`, 'alert');
  return lines;
}

/** Containment of one principal: the action list, then the plan and its results. */
export function ContainView({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const screen = useAppState((state) => state.screens[state.screens.length - 1]!);
  if (screen.kind !== 'contain') return null;
  const heading = fitWidth(
    sanitizeText(`Contain ${screen.target.kind} ${screen.target.name}`),
    width,
  );
  const body = height - 2;
  if (screen.phase === 'choose') {
    const items = screen.choices.map((choice, index) => ({
      key: choice.id,
      label: fitWidth(sanitizeText(choiceLabel(screen, index)), width - 2),
      value: choice.id,
    }));
    return (
      <Box flexDirection="column" width={width} height={height}>
        <Breadcrumb width={width} hint={HINTS.choose} />
        <Text bold wrap="truncate">
          {heading}
        </Text>
        {/* Drawn by ink-select-input; the keys stay with the app's one dispatcher, so the
            list is remounted at the store's cursor instead of keeping a cursor of its own. */}
        <SelectInput
          key={screen.cursor}
          items={items}
          isFocused={false}
          initialIndex={screen.cursor}
          limit={Math.max(1, body)}
          indicatorComponent={({ isSelected }) => <Text>{isSelected ? '›' : ' '}</Text>}
          itemComponent={({ isSelected, label }) => (
            <Text
              wrap="truncate"
              inverse={isSelected}
              dimColor={theme.dim && label.startsWith('[-]')}
            >
              {label}
            </Text>
          )}
        />
      </Box>
    );
  }
  const lines = resultLines(screen, width);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Breadcrumb width={width} hint={HINTS[screen.phase]} />
      <Text bold wrap="truncate">
        {heading}
      </Text>
      <ListView
        lines={lines}
        cursor={-1}
        top={Math.min(screen.scroll, Math.max(0, lines.length - body))}
        width={width}
        height={body}
        empty="nothing to show"
      />
    </Box>
  );
}
