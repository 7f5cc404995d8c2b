import { type Theme, teamsHighContrastTheme, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { useSyncExternalStore } from 'react';

const DARK = '(prefers-color-scheme: dark)';
const FORCED_COLORS = '(forced-colors: active)';

export type SystemThemeName = 'light' | 'dark' | 'high-contrast';

function readSystemTheme(): SystemThemeName {
  if (typeof window.matchMedia !== 'function') return 'light';
  if (window.matchMedia(FORCED_COLORS).matches) return 'high-contrast';
  return window.matchMedia(DARK).matches ? 'dark' : 'light';
}

function subscribe(onChange: () => void): () => void {
  if (typeof window.matchMedia !== 'function') return () => {};
  const queries = [window.matchMedia(DARK), window.matchMedia(FORCED_COLORS)];
  for (const query of queries) query.addEventListener('change', onChange);
  return () => {
    for (const query of queries) query.removeEventListener('change', onChange);
  };
}

export const THEMES: Record<SystemThemeName, Theme> = {
  light: webLightTheme,
  dark: webDarkTheme,
  'high-contrast': teamsHighContrastTheme,
};

/** Follows Windows: light or dark app mode, and high-contrast mode (forced colors) above both. */
export function useSystemTheme(): SystemThemeName {
  return useSyncExternalStore(subscribe, readSystemTheme, () => 'light');
}
