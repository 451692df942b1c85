/**
 * The `limit` best of `size` slots under `before` (a strict "ranks ahead of"), best first. A
 * subject may have a million distinct values (S3 keys) of which a list shows two hundred:
 * a bounded heap keeps the work near one comparison per slot instead of sorting them all.
 */
export function topSlots(
  size: number,
  limit: number,
  before: (a: number, b: number) => boolean,
): number[] {
  if (limit <= 0) return [];
  if (size <= limit) {
    const all = Array.from({ length: size }, (_, slot) => slot);
    return all.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  }
  // A heap whose root is the worst slot kept so far.
  const heap: number[] = [];
  const worse = (a: number, b: number) => before(b, a);
  const siftUp = (at: number) => {
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!worse(heap[at]!, heap[parent]!)) break;
      [heap[at], heap[parent]] = [heap[parent]!, heap[at]!];
      at = parent;
    }
  };
  const siftDown = (at: number) => {
    for (;;) {
      const left = at * 2 + 1;
      const right = left + 1;
      let worst = at;
      if (left < heap.length && worse(heap[left]!, heap[worst]!)) worst = left;
      if (right < heap.length && worse(heap[right]!, heap[worst]!)) worst = right;
      if (worst === at) return;
      [heap[at], heap[worst]] = [heap[worst]!, heap[at]!];
      at = worst;
    }
  };
  for (let slot = 0; slot < size; slot++) {
    if (heap.length < limit) {
      heap.push(slot);
      siftUp(heap.length - 1);
    } else if (before(slot, heap[0]!)) {
      heap[0] = slot;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
}
