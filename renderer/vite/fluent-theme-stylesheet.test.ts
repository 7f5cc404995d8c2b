import { teamsHighContrastTheme, webDarkTheme, webLightTheme } from '@fluentui/tokens';
import { describe, expect, it } from 'vitest';
import { fluentThemeStylesheet } from './fluent-theme-stylesheet.js';

/** The declarations of the block that follows `opening`, as token → value. */
function block(css: string, opening: string): Map<string, string> {
  const start = css.indexOf(opening);
  expect(start, `${opening} is in the stylesheet`).toBeGreaterThanOrEqual(0);
  const body = css.slice(start + opening.length, css.indexOf('}', start));
  return new Map([...body.matchAll(/--([\w-]+): ([^;]+);/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
}

describe('the Fluent theme stylesheet', () => {
  const css = fluentThemeStylesheet();

  it('declares every light token on :root, outside any media query', () => {
    const light = block(css, ':root {\n');
    expect(css.startsWith(':root {')).toBe(true);
    expect(light.size).toBe(Object.keys(webLightTheme).length);
    expect(light.get('colorNeutralBackground1')).toBe(webLightTheme.colorNeutralBackground1);
  });

  it('overrides, in the dark colour scheme, exactly the tokens whose dark value differs', () => {
    const dark = block(css, '@media (prefers-color-scheme: dark) {\n:root {\n');
    expect(dark.get('colorNeutralBackground1')).toBe(webDarkTheme.colorNeutralBackground1);
    expect(dark.has('borderRadiusMedium')).toBe(false);
    const differing = Object.keys(webDarkTheme).filter(
      (token) =>
        webDarkTheme[token as keyof typeof webDarkTheme] !==
        webLightTheme[token as keyof typeof webLightTheme],
    );
    expect([...dark.keys()].sort()).toEqual(differing.sort());
  });

  it('puts high contrast last, covering every token that differs from light or dark', () => {
    expect(css.indexOf('forced-colors: active')).toBeGreaterThan(css.indexOf('prefers-color-scheme: dark'));
    const contrast = block(css, '@media (forced-colors: active) {\n:root {\n');
    expect(contrast.get('colorNeutralForeground1')).toBe(teamsHighContrastTheme.colorNeutralForeground1);
    for (const [token, value] of Object.entries(teamsHighContrastTheme)) {
      const key = token as keyof typeof webLightTheme;
      if (value !== webLightTheme[key] || value !== webDarkTheme[key])
        expect(contrast.get(token)).toBe(value);
    }
  });
});
