import { teamsHighContrastTheme, webDarkTheme, webLightTheme } from '@fluentui/tokens';
import { describe, expect, it } from 'vitest';
import { fluentThemeStylesheet, THEME_MEDIA } from './fluent-theme-stylesheet.js';

type Tokens = typeof webLightTheme;
const token = (theme: Tokens, name: string) => theme[name as keyof Tokens];

/** The declarations of the `:root{...}` block that follows `opening`, as token → value. */
function block(css: string, opening: string): Map<string, string> {
  const start = css.indexOf(opening);
  expect(start, `${opening} is in the stylesheet`).toBeGreaterThanOrEqual(0);
  const body = css.slice(start + opening.length, css.indexOf('}', start));
  return new Map([...body.matchAll(/--([\w-]+):([^;]+);/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
}

describe('the Fluent theme stylesheet', () => {
  const css = fluentThemeStylesheet();

  it('declares every light token on :root, outside any media query', () => {
    expect(css.startsWith(':root{')).toBe(true);
    const light = block(css, ':root{');
    expect(light.size).toBe(Object.keys(webLightTheme).length);
    expect(light.get('colorNeutralBackground1')).toBe(webLightTheme.colorNeutralBackground1);
  });

  it('overrides, in the dark colour scheme, exactly the tokens whose dark value differs', () => {
    const dark = block(css, `@media ${THEME_MEDIA.dark}{:root{`);
    expect(dark.get('colorNeutralBackground1')).toBe(webDarkTheme.colorNeutralBackground1);
    expect(dark.has('borderRadiusMedium')).toBe(false);
    const differing = Object.keys(webDarkTheme).filter(
      (name) => token(webDarkTheme, name) !== token(webLightTheme, name),
    );
    expect([...dark.keys()].sort()).toEqual(differing.sort());
  });

  it('puts high contrast last, covering every token that differs from light or dark', () => {
    expect(css.indexOf(THEME_MEDIA.highContrast)).toBeGreaterThan(css.indexOf(THEME_MEDIA.dark));
    const contrast = block(css, `@media ${THEME_MEDIA.highContrast}{:root{`);
    expect(contrast.get('colorNeutralForeground1')).toBe(teamsHighContrastTheme.colorNeutralForeground1);
    for (const [name, value] of Object.entries(teamsHighContrastTheme)) {
      if (value !== token(webLightTheme, name) || value !== token(webDarkTheme, name)) {
        expect(contrast.get(name)).toBe(value);
      }
    }
  });
});
