import { counts, type FindingEntry } from './findings.js';
import { RECOMMENDATIONS, STANDING } from './recommendation-catalog.js';
import type { Block } from './document.js';

export interface Recommendation {
  id: string;
  title: string;
  actions: string[];
  /** Titles of the findings that led to it; empty for standing prevention. */
  because: string[];
  standing: boolean;
}

function supports(
  template: { rules: string[]; techniques?: string[] },
  finding: FindingEntry,
): boolean {
  return (
    template.rules.includes(finding.ruleId) ||
    finding.techniques.some((technique) => template.techniques?.includes(technique.id) ?? false)
  );
}

/** Recommendations the findings support, in the catalog's order, then the standing list. */
export function recommendationsSection(findings: FindingEntry[]): Recommendation[] {
  const standing = findings.filter(counts);
  const made: Recommendation[] = [];
  for (const template of RECOMMENDATIONS) {
    const because = [
      ...new Set(standing.filter((finding) => supports(template, finding)).map((f) => f.title)),
    ];
    if (because.length === 0) continue;
    made.push({
      id: template.id,
      title: template.title,
      actions: [...template.actions],
      because,
      standing: false,
    });
  }
  // Logging advice already covers "CloudTrail in every region"; saying it twice adds nothing.
  const covered = made.some((recommendation) => recommendation.id === 'protect-logging');
  for (const template of STANDING) {
    if (covered && template.id === 'standing-cloudtrail') continue;
    made.push({
      id: template.id,
      title: template.title,
      actions: [...template.actions],
      because: [],
      standing: true,
    });
  }
  return made;
}

export function recommendationsBlocks(recommendations: Recommendation[]): Block[] {
  const blocks: Block[] = [{ kind: 'heading', level: 2, text: 'Recommendations' }];
  const found = recommendations.filter((recommendation) => !recommendation.standing);
  const standing = recommendations.filter((recommendation) => recommendation.standing);
  if (found.length === 0)
    blocks.push({ kind: 'paragraph', text: 'No finding calls for a specific change.' });
  for (const recommendation of found) {
    blocks.push({ kind: 'heading', level: 3, text: recommendation.title });
    blocks.push({ kind: 'paragraph', text: `Because of: ${recommendation.because.join('; ')}.` });
    blocks.push({ kind: 'list', items: recommendation.actions });
  }
  if (standing.length > 0) {
    blocks.push({ kind: 'heading', level: 3, text: 'Standing prevention' });
    blocks.push({
      kind: 'list',
      items: standing.map(
        (recommendation) => `${recommendation.title}. ${recommendation.actions.join(' ')}`,
      ),
    });
  }
  return blocks;
}
