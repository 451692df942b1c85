import { Box, Text } from 'ink';
import { ATTACK_VERSION, describeTechnique, type Finding } from '../detect/index.js';
import { displayWidth, fitWidth, sanitizeText } from '../trail/sanitize.js';
import { useTheme } from './theme.js';
import { wrapLine } from './wrap-line.js';

/** The selected finding in full: what, why, which techniques, and a Sigma rule's provenance. */
export function FindingDetail({
  finding,
  width,
  height,
  suppressedBy,
}: {
  finding: Finding | undefined;
  width: number;
  height: number;
  /** The tuning entry that hid it, when the list shows the suppressed (`T`). */
  suppressedBy?: string;
}) {
  const theme = useTheme();
  if (!finding) return <Box height={height} />;
  const s = sanitizeText;
  // Most telling first: the window is eight lines and long lines wrap.
  const lines = [
    `${finding.severity.toUpperCase()} · ${s(finding.title)} [${finding.ruleId}]`,
    ...(suppressedBy ? [`suppressed by tuning: ${s(suppressedBy)}`] : []),
    `what: ${s(finding.summary)}`,
    `ATT&CK: ${finding.techniques.map(describeTechnique).join('; ') || '—'} (${ATTACK_VERSION})`,
  ];
  // Every Sigma rule that saw these events, by its own title: a built-in finding can carry one.
  for (const rule of [finding.sigma, ...(finding.alsoSigma ?? [])]) {
    if (!rule) continue;
    lines.push(
      `Sigma: ${s(rule.title)} · ${s(rule.file)} · level ${s(rule.level)} · by ${s(rule.author)}`,
    );
    if (rule.references[0]) lines.push(`ref: ${s(rule.references[0])}`);
  }
  lines.push(
    `evidence: ${finding.rows.length} event(s), ${new Date(finding.first).toISOString().slice(0, 19)}Z → ${new Date(finding.last).toISOString().slice(0, 19)}Z`,
    `why:  ${s(finding.why)}`,
  );
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold color={theme.accent} wrap="truncate">
        {fitWidth('── finding ──', width)}
      </Text>
      {lines
        .flatMap((line) => wrapLine(line, width))
        .slice(0, height - 1)
        .map((line, i) => (
          <Text key={i} wrap="truncate">
            {fitWidth(line, width)}
          </Text>
        ))}
    </Box>
  );
}
