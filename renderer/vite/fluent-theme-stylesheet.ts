import { type Theme, teamsHighContrastTheme, webDarkTheme, webLightTheme } from '@fluentui/tokens';
import type { Plugin } from 'vite';

/** The declarations of a theme's variables, or only those that differ from a theme declared under it. */
function declarations(theme: Theme, declaredBelow: readonly Theme[] = []): string {
  return Object.entries(theme)
    .filter(
      ([token, value]) =>
        declaredBelow.length === 0 || declaredBelow.some((below) => below[token as keyof Theme] !== value),
    )
    .map(([token, value]) => `--${token}:${value};`)
    .join('');
}

export const FLUENT_THEME_MODULE = 'virtual:fluent-theme.css';
const RESOLVED_ID = `\0${FLUENT_THEME_MODULE}`;

/** The media query under which each theme applies, in cascade order; the last match wins. */
export const THEME_MEDIA = {
  light: undefined,
  dark: '(prefers-color-scheme: dark)',
  highContrast: '(forced-colors: active)',
} as const;

/**
 * Fluent's light, dark and high-contrast themes as CSS variables on :root, chosen by media query: the
 * system's colour scheme and Windows high-contrast mode (forced colours) switch the theme with no script,
 * and the renderer neither builds theme objects nor writes them into the page at start-up. Dark and high
 * contrast declare only what differs from the blocks before them; high contrast comes last, so it wins.
 */
export function fluentThemeStylesheet(): string {
  return [
    `:root{${declarations(webLightTheme)}}`,
    `@media ${THEME_MEDIA.dark}{:root{${declarations(webDarkTheme, [webLightTheme])}}}`,
    `@media ${THEME_MEDIA.highContrast}{:root{${declarations(teamsHighContrastTheme, [webLightTheme, webDarkTheme])}}}`,
  ].join('\n');
}

/**
 * Serves {@link fluentThemeStylesheet} as the CSS module `virtual:fluent-theme.css`, which the renderer's
 * entry imports, so the theme travels in the app's own stylesheet rather than a request of its own.
 */
export function fluentThemePlugin(): Plugin {
  return {
    name: 'rdp-repair:fluent-theme',
    resolveId: (id) => (id === FLUENT_THEME_MODULE ? RESOLVED_ID : undefined),
    load: (id) => (id === RESOLVED_ID ? fluentThemeStylesheet() : undefined),
  };
}
