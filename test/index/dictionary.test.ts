import { describe, expect, it } from 'vitest';
import { Dictionary } from '../../source/index/dictionary.js';
import { stringHash } from '../../source/trail/string-hash.js';

describe('Dictionary', () => {
  it('gives each distinct value one id, whether its hash is given or computed, across growth', () => {
    const dictionary = new Dictionary();
    expect(dictionary.intern('')).toBe(0);
    const values = Array.from({ length: 20_000 }, (_, i) => `arn:aws:iam::1:user/u-${i}`);
    const ids = values.map((value, i) =>
      i % 2 === 0 ? dictionary.intern(value) : dictionary.intern(value, stringHash(value)),
    );
    expect(ids).toEqual(values.map((_, i) => i + 1));
    // Asked again (the other way round), the same ids; fresh string objects compare by content.
    values.forEach((value, i) => {
      const copy = [...value].join('');
      expect(
        i % 2 === 0 ? dictionary.intern(copy, stringHash(copy)) : dictionary.intern(copy),
      ).toBe(i + 1);
    });
    expect(dictionary.size).toBe(values.length + 1);
    expect(dictionary.value(5)).toBe(values[4]);
  });

  it('keeps values apart whose hashes collide', () => {
    const dictionary = new Dictionary();
    // Forced collision: two different values interned under the same hash.
    const a = dictionary.intern('first', 42);
    const b = dictionary.intern('second', 42);
    expect(a).not.toBe(b);
    expect(dictionary.intern('first', 42)).toBe(a);
    expect(dictionary.intern('second', 42)).toBe(b);
  });
});
