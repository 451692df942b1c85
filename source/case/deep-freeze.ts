/**
 * Freezes a value and everything it holds. The store hands out its current case by reference (no
 * copy per read); freezing means a screen that mutates it by mistake fails loudly at once instead
 * of changing state that was never saved.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const item of Object.values(value)) deepFreeze(item);
  return value;
}
