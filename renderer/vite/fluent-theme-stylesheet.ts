import { type Theme, teamsHighContrastTheme, webDarkTheme, webLightTheme } from '@fluentui/tokens';
import type { Plugin } from 'vite';

export const FLUENT_THEME_MODULE = 'virtual:fluent-theme.css';
const RESOLVED_ID = `\0${FLUENT_THEME_MODULE}`;

/** The theme's variables, or only those that differ from one of the themes already declared under it. */
function declarations(theme: Theme, declaredBelow: readonly Theme[] = []): string {
  return Object.entries(theme)
    .filter(
      ([token, value]) =>
        declaredBelow.length === 0 || declaredBelow.some((below) => below[token as keyof Theme] !== value),
    )
    .map(([token, value]) => `  --${token}: ${value};`)
    .join('\n');
}

/**
 * Fluent's light, dark and high-contrast themes as one stylesheet of CSS variables on :root, chosen by media
 * queries: the system's colour scheme and Windows high-contrast mode (forced colours) switch the theme with no
 * script, and the renderer neither builds theme objects nor writes them into the page at start-up.
 */
export function fluentThemeStylesheet(): string {
  return [
    `:root {\n${declarations(webLightTheme)}\n}`,
    `@media (prefers-color-scheme: dark) {\n:root {\n${declarations(webDarkTheme, [webLightTheme])}\n}\n}`,
    `@media (forced-colors: active) {\n:root {\n${declarations(teamsHighContrastTheme, [webLightTheme, webDarkTheme])}\n}\n}`,
  ].join('\n');
}

/** Serves {@link fluentThemeStylesheet} as the CSS module `virtual:fluent-theme.css`. */
export function fluentThemePlugin(): Plugin {
  return {
    name: 'rdp-repair:fluent-theme',
    resolveId: (id) => (id === FLUENT_THEME_MODULE ? RESOLVED_ID : undefined),
    load: (id) => (id === RESOLVED_ID ? fluentThemeStylesheet() : undefined),
  };
}
