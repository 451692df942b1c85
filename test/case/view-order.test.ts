import { describe, expect, it } from 'vitest';
import { emptyCase } from '../../source/case/index.js';
import { findCaseProblem } from '../../source/case/validate-case.js';

describe("the case's stream order (o)", () => {
  const base = emptyCase('id', 'title', new Date('2025-03-14T00:00:00Z'));

  it('a case without it (saved before it existed) is a valid case', () => {
    expect('newestFirst' in base.view).toBe(false);
    expect(findCaseProblem(base)).toBeNull();
  });

  it('true or false is kept; anything else is named as the problem', () => {
    expect(findCaseProblem({ ...base, view: { ...base.view, newestFirst: true } })).toBeNull();
    expect(findCaseProblem({ ...base, view: { ...base.view, newestFirst: 'yes' } })).toBe(
      'view.newestFirst should be true or false',
    );
  });
});
