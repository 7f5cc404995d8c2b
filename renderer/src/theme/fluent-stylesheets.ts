/*
 * The build writes Fluent's component styles twice (renderer/vite/griffel-css-extraction.ts): the start
 * screen's rules in a stylesheet the page waits for, and every rule, in Griffel's order, in a second one
 * that index.html only names. Views that load later add it and wait for it, so they never show unstyled,
 * and the first screen neither downloads nor parses it.
 */
export const FLUENT_STYLESHEET_ATTRIBUTE = 'data-fluent-stylesheet';
export const COMPLETE_STYLESHEET_META = 'fluent-complete-stylesheet';

let complete: Promise<void> | undefined;

export function completeFluentStylesheet(): Promise<void> {
  complete ??= new Promise<void>((resolve) => {
    const start = document.querySelector(`link[${FLUENT_STYLESHEET_ATTRIBUTE}="start"]`);
    const href = document.querySelector<HTMLMetaElement>(`meta[name="${COMPLETE_STYLESHEET_META}"]`)?.content;
    // Without a build (unit tests) Griffel inserts every rule at runtime and there is nothing to wait for.
    if (!start || !href) return resolve();
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    link.setAttribute(FLUENT_STYLESHEET_ATTRIBUTE, 'complete');
    // A stylesheet that fails to load is no reason to keep the view from showing.
    link.addEventListener('load', () => resolve(), { once: true });
    link.addEventListener('error', () => resolve(), { once: true });
    // Right after the start stylesheet: before the app's own CSS, which overrides Fluent's.
    start.after(link);
  });
  return complete;
}
