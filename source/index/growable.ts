type TypedArray = Uint32Array | Float64Array;

/** Doubles a typed array's capacity when `needed` exceeds it, keeping the contents. */
export function ensureCapacity<T extends TypedArray>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  let capacity = Math.max(array.length, 1024);
  while (capacity < needed) capacity *= 2;
  const next = new (array.constructor as new (size: number) => T)(capacity);
  next.set(array);
  return next;
}
