/*
 * The one other kind of link the app hands to Windows: "Send to the administrator" → "Open in mail". Only a
 * mailto: with no recipient (the user picks their own IT in the mail app), a subject and a body, nothing else,
 * and no longer than the engine makes it (engine/report/handoff-mail.ts).
 */

export const MAILTO_MAX_LENGTH = 2000;

export function isAllowedMailtoUrl(url: string): boolean {
  if (url.length > MAILTO_MAX_LENGTH || !url.startsWith('mailto:?')) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'mailto:' || parsed.pathname !== '' || parsed.hash !== '') return false;
  const names = [...parsed.searchParams.keys()];
  return names.length === 2 && names[0] === 'subject' && names[1] === 'body';
}
