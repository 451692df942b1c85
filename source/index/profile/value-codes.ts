import type { Dictionary } from '../dictionary.js';

/** Sorts a value into a small code (a bit set of kinds, 0 for none). */
export type Classifier = (value: string) => number;

interface Codes {
  codes: Uint8Array;
  /** Ids below this are classified. */
  classified: number;
}

const cache = new WeakMap<Dictionary, Map<Classifier, Codes>>();

/**
 * A code per dictionary id, classifying each distinct value once for the life of the index:
 * dictionaries only grow, so later calls classify only the values that arrived since. Rows are
 * then classified by one lookup. `classify` must be a module-level function (it is the cache key).
 */
export function valueCodes(dictionary: Dictionary, classify: Classifier): Uint8Array {
  let byClassifier = cache.get(dictionary);
  if (!byClassifier) cache.set(dictionary, (byClassifier = new Map()));
  let entry = byClassifier.get(classify);
  if (!entry) byClassifier.set(classify, (entry = { codes: new Uint8Array(64), classified: 0 }));
  const values = dictionary.values;
  if (entry.classified < values.length) {
    if (entry.codes.length < values.length) {
      const grown = new Uint8Array(Math.max(values.length, entry.codes.length * 2));
      grown.set(entry.codes);
      entry.codes = grown;
    }
    for (let id = entry.classified; id < values.length; id++)
      entry.codes[id] = classify(values[id]!);
    entry.classified = values.length;
  }
  return entry.codes;
}
