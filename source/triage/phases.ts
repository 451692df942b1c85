import type { Phase } from './types.js';

/** The phases, after the incident guide and AWS's playbook for compromised IAM credentials. */
export const PHASES: readonly Phase[] = [
  {
    number: 1,
    title: 'Triage',
    goal: 'What fired, since when, against what, and is it still going on?',
  },
  {
    number: 2,
    title: 'Immediate actions',
    goal: 'Keep the evidence, scope the damage, get the right people in.',
  },
  {
    number: 3,
    title: 'CloudTrail investigation',
    goal: 'Find what the intruder created and changed, and read the suspect’s calls.',
  },
  {
    number: 4,
    title: 'Attack patterns',
    goal: 'Match the findings against the patterns that keep coming back.',
  },
  {
    number: 5,
    title: 'Evidence collection',
    goal: 'Export what will be gone or overwritten tomorrow.',
  },
  {
    number: 6,
    title: 'Containment',
    goal: 'Cut the intruder off without destroying the trail they left.',
  },
  {
    number: 7,
    title: 'After containment',
    goal: 'Replace what was exposed and make sure the door stays shut.',
  },
  { number: 8, title: 'Post-incident', goal: 'Write it down and make the next one harder.' },
];
