import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import {
  parseSigmaText,
  recordFields,
  type SigmaCorrelation,
  type SigmaDetection,
  type SigmaRule,
  type Truth,
} from '../../../source/detect/sigma/index.js';
import { fixture } from '../../helpers/fixtures.js';

export type LogRecord = Record<string, unknown>;

/** The records one Stratus Red Team detonation left in CloudTrail. */
export function stratus(technique: string): LogRecord[] {
  return JSON.parse(readFileSync(fixture('stratus', `${technique}.json`), 'utf8')) as LogRecord[];
}

/** The AWS user guide's sample records, by event name. */
export function awsDocs(eventName: string): LogRecord[] {
  const lines = readFileSync(fixture('awsdocs', 'awsdocs_cloudtrail_examples.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  return lines
    .map((line) => JSON.parse(line) as LogRecord)
    .filter((record) => record.eventName === eventName);
}

/** A CloudTrail rule around the given `detection:` body (indented by four spaces). */
export function cloudTrailRule(detection: string, head = 'title: Test rule'): string {
  return `${head}
logsource:
    product: aws
    service: cloudtrail
detection:
${detection}`;
}

/** Compiles rule text that must load cleanly, and returns its only detection. */
export function detectionOf(text: string): SigmaDetection {
  const { rules, problems } = parseSigmaText(text, 'inline.yml');
  expect(problems).toEqual([]);
  const detections = rules.filter((rule): rule is SigmaDetection => rule.kind === 'detection');
  expect(detections).toHaveLength(1);
  return detections[0]!;
}

/** Compiles a detection body given as YAML lines under `detection:`. */
export function compile(detection: string): SigmaDetection {
  return detectionOf(cloudTrailRule(detection));
}

/** The reason a rule text is refused (exactly one problem expected). */
export function refusal(text: string): string {
  const { rules, problems } = parseSigmaText(text, 'inline.yml');
  expect(rules.filter((rule) => rule.kind === 'detection')).toEqual([]);
  expect(problems).toHaveLength(1);
  return problems[0]!.reason;
}

export function match(rule: SigmaDetection, record: LogRecord): Truth {
  return rule.matches(recordFields(record));
}

export function byFile(rules: readonly SigmaRule[], file: string): SigmaDetection {
  const rule = rules.find((candidate) => candidate.file.endsWith(`/${file}`));
  if (rule === undefined || rule.kind !== 'detection') throw new Error(`no detection from ${file}`);
  return rule;
}

export function correlationOf(rules: readonly SigmaRule[], title: string): SigmaCorrelation {
  const rule = rules.find((candidate) => candidate.title === title);
  if (rule === undefined || rule.kind !== 'correlation') throw new Error(`no correlation ${title}`);
  return rule;
}
