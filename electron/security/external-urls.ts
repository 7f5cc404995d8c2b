/*
 * The only web pages the app opens, in the user's browser: where to ask for help and Microsoft's own
 * documentation of the error. Everything else a link might point to is refused.
 */

export const EXTERNAL_URL_ALLOW_LIST: readonly { host: string; pathPrefix: string }[] = [
  { host: 'learn.microsoft.com', pathPrefix: '/' },
  { host: 'answers.microsoft.com', pathPrefix: '/' },
  { host: 'support.microsoft.com', pathPrefix: '/' },
  { host: 'techcommunity.microsoft.com', pathPrefix: '/' },
];

/** True only for https URLs on an allow-listed host and path, without credentials or an unusual port. */
export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (
    parsed.protocol !== 'https:' ||
    parsed.port !== '' ||
    parsed.username !== '' ||
    parsed.password !== ''
  ) {
    return false;
  }
  return EXTERNAL_URL_ALLOW_LIST.some(
    (entry) => parsed.hostname === entry.host && parsed.pathname.startsWith(entry.pathPrefix),
  );
}
