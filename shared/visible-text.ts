/*
 * Text that came from the network or from the machine, made safe to show: C0 and C1 control characters,
 * bidirectional overrides and invisible format characters become visible escapes (\u{202E}), so a name cannot
 * move the cursor, recolour a terminal, reverse the text around it or hide part of itself; and it is capped.
 * Pure, no DOM: the CLI, the report and the renderer all use it.
 */

// C0 and DEL, C1, and the format characters that change how text around them is shown or hide themselves.
// Built from a string: the control characters are what it matches, not a typo a linter should flag.
const INVISIBLE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/gu;

export function visibleText(text: string, maxLength = 256): string {
  const escaped = text.replace(
    INVISIBLE,
    (c) => `\\u{${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}}`,
  );
  if (escaped.length <= maxLength) return escaped;
  // Cut on a code point, never inside an escape's surrogate pair.
  return `${Array.from(escaped).slice(0, maxLength).join('')}… (${escaped.length - maxLength} more characters)`;
}
