import type { PartialTheme } from '@fluentui/react-components';

/*
 * The theme's values are CSS variables on :root, from the stylesheet the build generates out of Fluent's
 * light, dark and high-contrast themes (renderer/vite/fluent-theme-stylesheet.ts), switched by media queries.
 * Providers get this empty theme so they add no variables of their own and do not warn that none is set.
 */
export const STYLESHEET_THEME: PartialTheme = {};
