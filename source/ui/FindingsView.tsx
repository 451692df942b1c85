import { Box } from 'ink';
import { displayWidth, fitMiddle, sanitizeText } from '../trail/sanitize.js';
import { useShallow } from 'zustand/react/shallow';
import { severityLabel, shortWhen } from '../state/profile-format.js';
import { useAppState } from './store-context.js';
import { Breadcrumb } from './Breadcrumb.js';
import { listRows } from '../state/index.js';
import { FindingDetail } from './FindingDetail.js';
import { ListView, type ListLine } from './ListView.js';

/** Findings by severity then time; enter opens the evidence events in the stream. */
export function FindingsView({ width, height }: { width: number; height: number }) {
  const { screen, findings, detection, baseline, size, reviews, suppressed, shown } = useAppState(
    useShallow((state) => ({
      reviews: state.caseFile?.findings,
      size: state.size,
      screen: state.screens[state.screens.length - 1]!,
      findings: state.listedFindings,
      detection: state.detection.status,
      suppressed: state.suppressed,
      shown: state.findings.length,
      baseline: state.detection.baseline,
    })),
  );
  if (screen.kind !== 'findings') return null;
  const lines: ListLine[] = findings.map((finding, at) => {
    // ✓ acknowledged, ✗ dismissed, ~ suppressed by tuning (T): the mark shows without color.
    const verdict = reviews?.[finding.key]?.verdict;
    const mark =
      at >= shown ? '~' : verdict === 'acknowledged' ? '✓' : verdict === 'dismissed' ? '✗' : ' ';
    const head = `${mark} ${severityLabel(finding.severity)} ${shortWhen(finding.first)}  ${sanitizeText(finding.title)}`;
    // The title is what happened: whole. The principal takes what is left (its middle goes
    // first, so `…/scanner-2025-03-14` stays told apart), and the list's marker one column.
    const room = width - 1 - displayWidth(head) - 2;
    const who = sanitizeText(finding.principal || finding.account || '-');
    return {
      text: room >= 6 ? `${head}  ${fitMiddle(who, room).trimEnd()}` : head,
      tone: finding.severity === 'high' || finding.severity === 'critical' ? 'alert' : 'normal',
      selectable: true,
    };
  });
  const empty =
    detection === 'running'
      ? 'detections are running…'
      : suppressed.length > 0
        ? `no findings shown: ${suppressed.length} suppressed by tuning (T to show)`
        : 'no findings in the loaded events';
  // Nothing tuning hides is silent: the count stays in sight, and T shows them.
  const hint =
    suppressed.length > 0
      ? `${suppressed.length} suppressed by tuning (T ${findings.length > shown ? 'hides' : 'shows'}) · esc back`
      : 'enter evidence · esc back';
  const cursorAt = findings[screen.cursor];
  const hiddenBy = screen.cursor >= shown ? suppressed[screen.cursor - shown]?.by : undefined;
  const listHeight = listRows(size, 'findings');
  const detailRows = height - 1 - listHeight;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Breadcrumb
        width={width}
        hint={`${baseline && width >= displayWidth(baseline) + 50 + (suppressed.length > 0 ? 20 : 0) ? `${sanitizeText(baseline)} · ` : ''}${hint}`}
      />
      <ListView
        lines={lines}
        cursor={screen.cursor}
        top={screen.top}
        width={width}
        height={listHeight}
        empty={empty}
      />
      {detailRows > 0 ? (
        <FindingDetail
          finding={cursorAt}
          width={width}
          height={detailRows}
          {...(hiddenBy ? { suppressedBy: hiddenBy } : {})}
        />
      ) : null}
    </Box>
  );
}
