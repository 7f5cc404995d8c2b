/*
 * The hand-off as a mailto: link the user's mail app opens (no recipient: the user picks their own IT there).
 * Mail apps on Windows cut a mailto: link at about 2,000 characters, so a page that does not fit is not cut
 * mid-command: the mail says to paste the page, which "Open in mail" puts on the clipboard first.
 */

export const MAILTO_MAX_LENGTH = 2000;

export const PASTE_BODY =
  'The page from RDP Repair is on the clipboard: paste it here (Ctrl+V). It says which side failed, what the ' +
  'check saw, what to do on that computer with the PowerShell for it, and what this PC already tried.';

function mailto(subject: string, body: string): string {
  return `mailto:?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}

/** The whole page when it fits, otherwise the note to paste it; `fits` says which. */
export function handoffMailto(subject: string, page: string): { mailto: string; fits: boolean } {
  const whole = mailto(subject, page);
  if (whole.length <= MAILTO_MAX_LENGTH) return { mailto: whole, fits: true };
  return { mailto: mailto(subject, PASTE_BODY), fits: false };
}
