import { describe, expect, it } from 'vitest';
import { wrapLine } from '../../source/ui/wrap-line.js';

describe('wrapLine', () => {
  it('keeps a short line whole', () => {
    expect(wrapLine('  aws iam get-user', 40)).toEqual(['  aws iam get-user']);
  });

  it('breaks at spaces, keeps the line’s indentation and indents continuations', () => {
    const line = '  aws iam update-access-key --user-name KeyHunter --access-key-id AKIAEXAMPLE';
    const parts = wrapLine(line, 40);
    expect(parts[0]).toBe('  aws iam update-access-key --user-name');
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(40);
    expect(parts.slice(1).every((part) => part.startsWith('      '))).toBe(true);
    expect(parts.map((part) => part.trim()).join(' ')).toBe(line.trim());
  });

  it('cuts a word wider than the line into pieces, losing nothing', () => {
    const policy = `'${'{"Effect":"Deny"}'.repeat(6)}'`;
    const parts = wrapLine(`put ${policy}`, 30);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(30);
    expect(parts.map((part) => part.trim()).join('')).toBe(`put${policy}`);
  });
});
