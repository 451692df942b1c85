import type { KeyKind } from './types.js';

/** AKIA… is a long-term key (IAM user or root), ASIA… a temporary one (STS, console sessions). */
export function keyKind(accessKeyId: string): KeyKind {
  if (accessKeyId.startsWith('AKIA')) return 'long-term';
  if (accessKeyId.startsWith('ASIA')) return 'temporary';
  return 'other';
}
