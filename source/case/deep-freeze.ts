/**
 * Freezes a value and everything it holds. The store hands out its current case by reference (no
 * copy per read); freezing means a screen that mutates it by mistake fails loudly at once instead
 * of changing state that was never saved. The walk keeps its own stack: a case is read from a
 * file, and a value nested thousands deep in it must not overflow the call stack.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  const stack: object[] = [value];
  while (stack.length > 0) {
    const node = stack.pop()!;
    Object.freeze(node);
    for (const item of Object.values(node))
      if (typeof item === 'object' && item !== null && !Object.isFrozen(item)) stack.push(item);
  }
  return value;
}
