import { describe, expect, it } from 'vitest';
import { format, strings } from './strings.js';

describe('format', () => {
  it('fills named placeholders wherever the translation puts them', () => {
    expect(format('{count} of {total}', { count: 1, total: 2 })).toBe('1 of 2');
    expect(format('{total}: {count}', { count: 1, total: 2 })).toBe('2: 1');
  });

  it('leaves an unknown placeholder visible instead of dropping it', () => {
    expect(format('Hello {name}', {})).toBe('Hello {name}');
  });

  it('has a word for every status a card shows: each finding status, and "Earlier" for past events', () => {
    expect(Object.keys(strings.status).sort()).toEqual(
      ['earlier', 'manual', 'not-applicable', 'ok', 'problem', 'suggestion', 'unknown', 'warning'].sort(),
    );
  });
});
