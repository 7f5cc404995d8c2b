/*
 * The renderer is served from a custom app:// origin rather than file:, so it has an origin of its own,
 * a CSP header on every response, and no way to read other local files.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'rdp-repair';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True for URLs of the app's own pages (same scheme and host, no credentials or port). */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
