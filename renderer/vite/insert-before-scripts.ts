/**
 * Puts tags into index.html just before its first script: after the head's meta tags and title, and before
 * the app's own stylesheet, which Vite links after the script and which must win over Fluent's rules of the
 * same specificity.
 */
export function insertBeforeScripts(html: string, tags: readonly string[]): string {
  const at = html.indexOf('<script');
  if (at < 0) throw new Error('index.html has no <script> to put the stylesheets before');
  return `${html.slice(0, at)}${tags.join('\n    ')}\n    ${html.slice(at)}`;
}

/** A `<link rel="stylesheet">` with the given attributes; values are build-made file names and media queries. */
export function stylesheetLink(attributes: Readonly<Record<string, string>>): string {
  const rendered = Object.entries(attributes).map(
    ([name, value]) => ` ${name}="${value.replaceAll('"', '&quot;')}"`,
  );
  return `<link rel="stylesheet"${rendered.join('')}>`;
}
