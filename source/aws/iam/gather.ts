import { describeAwsError } from '../errors.js';
import type { InventoryGap } from './types.js';

/** `NoSuchEntity` from IAM: the thing asked about is not there (a fact, not a failure). */
export function isNoSuchEntity(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'NoSuchEntityException' || name === 'NoSuchEntity';
}

/**
 * One section of an inventory. A section that cannot be read (AccessDenied on one list, a call
 * the endpoint does not implement) becomes a gap with a one-line reason, so the analyst still sees
 * everything else and knows exactly what is missing.
 */
export async function section<T>(
  gaps: InventoryGap[],
  call: string,
  read: () => Promise<T>,
  fallback: T,
): Promise<T> {
  try {
    return await read();
  } catch (error) {
    gaps.push({ call, message: describeAwsError(error, { call }) });
    return fallback;
  }
}

export function isoOf(date: Date | undefined): string | undefined {
  return date instanceof Date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}

/** The account id in an ARN (`arn:aws:iam::123456789012:user/x`), '' when there is none. */
export function accountOf(arn: string | undefined): string {
  return arn?.split(':')[4] ?? '';
}
