import { describe, expect, it } from 'vitest';
import { visibleText } from './visible-text.js';

describe('visibleText', () => {
  it('keeps ordinary text, accents and scripts as they are', () => {
    expect(visibleText('CN=server01.contoso.com, O=Jörg & Söhne, مرحبا')).toBe(
      'CN=server01.contoso.com, O=Jörg & Söhne, مرحبا',
    );
  });

  it('shows terminal escapes, C1 controls, bidi overrides and invisible characters as escapes', () => {
    expect(visibleText('a\u001b[31mred')).toBe('a\\u{001B}[31mred');
    expect(visibleText('x\u009by')).toBe('x\\u{009B}y');
    expect(visibleText('evil\u202Etxt.exe')).toBe('evil\\u{202E}txt.exe');
    expect(visibleText('zero\u200Bwidth\uFEFF')).toBe('zero\\u{200B}width\\u{FEFF}');
    expect(visibleText('line\r\nbreak\u0000')).toBe('line\\u{000D}\\u{000A}break\\u{0000}');
  });

  it('shows every line break as an escape, Unicode line and paragraph separators too', () => {
    expect(visibleText('a\nb\rc\td\u0085e\u2028f\u2029g')).toBe(
      'a\\u{000A}b\\u{000D}c\\u{0009}d\\u{0085}e\\u{2028}f\\u{2029}g',
    );
  });

  it('caps the length and says how much was cut', () => {
    const shown = visibleText('a'.repeat(1000), 10);
    expect(shown).toBe('aaaaaaaaaa… (990 more characters)');
  });
});
