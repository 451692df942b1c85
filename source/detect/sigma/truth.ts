import type { FieldGetter, Truth } from './types.js';

/** A compiled piece of a rule: asks the getter for what it needs and answers in three values. */
export type Matcher = (get: FieldGetter) => Truth;

const ALWAYS_FALSE: Matcher = () => false;
const ALWAYS_TRUE: Matcher = () => true;

/** Kleene AND: any false wins, then any unknown, else true. */
export function allOf(parts: readonly Matcher[]): Matcher {
  if (parts.length === 0) return ALWAYS_TRUE;
  if (parts.length === 1) return parts[0]!;
  if (parts.length === 2) {
    const [a, b] = parts as [Matcher, Matcher];
    return (get) => {
      const first = a(get);
      if (first === false) return false;
      const second = b(get);
      if (second === false) return false;
      return first === undefined || second === undefined ? undefined : true;
    };
  }
  return (get) => {
    let unknown = false;
    for (const part of parts) {
      const answer = part(get);
      if (answer === false) return false;
      if (answer === undefined) unknown = true;
    }
    return unknown ? undefined : true;
  };
}

/** Kleene OR: any true wins, then any unknown, else false. */
export function anyOf(parts: readonly Matcher[]): Matcher {
  if (parts.length === 0) return ALWAYS_FALSE;
  if (parts.length === 1) return parts[0]!;
  return (get) => {
    let unknown = false;
    for (const part of parts) {
      const answer = part(get);
      if (answer === true) return true;
      if (answer === undefined) unknown = true;
    }
    return unknown ? undefined : false;
  };
}

/** At least `needed` parts true; false once too few can still become true. */
export function atLeast(needed: number, parts: readonly Matcher[]): Matcher {
  if (needed <= 0) return ALWAYS_TRUE;
  if (needed === 1) return anyOf(parts);
  if (needed === parts.length) return allOf(parts);
  if (needed > parts.length) return ALWAYS_FALSE;
  return (get) => {
    let yes = 0;
    let unknown = 0;
    for (const part of parts) {
      const answer = part(get);
      if (answer === true) yes++;
      else if (answer === undefined) unknown++;
    }
    if (yes >= needed) return true;
    return yes + unknown >= needed ? undefined : false;
  };
}

export function negation(part: Matcher): Matcher {
  return (get) => {
    const answer = part(get);
    return answer === undefined ? undefined : !answer;
  };
}
