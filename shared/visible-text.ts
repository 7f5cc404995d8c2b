/*
 * Text that came from the network or from the machine, made safe to show: C0 and C1 control characters,
 * bidirectional overrides and invisible format characters become visible escapes (\u{202E}), so a name cannot
 * move the cursor, recolour a terminal, start a line of its own, reverse the text around it or hide part of
 * itself; and it is capped.
 * Pure, no DOM: the CLI, the report and the renderer all use it.
 */

// C0 (line feed, carriage return, tab among them) and DEL, C1 (next line), the Arabic letter mark, the Mongolian
// vowel separator, zero-width and direction marks, the line and paragraph separators, bidi embeddings, overrides
// and isolates, word joiners, the BOM, interlinear annotation marks. Text shown this way is always one line.
const INVISIBLE_RANGES: [number, number][] = [
  [0x0000, 0x001f],
  [0x007f, 0x009f],
  [0x061c, 0x061c],
  [0x180e, 0x180e],
  [0x200b, 0x200f],
  [0x2028, 0x202e],
  [0x2060, 0x2069],
  [0xfeff, 0xfeff],
  [0xfff9, 0xfffb],
];
const INVISIBLE = new RegExp(
  `[${INVISIBLE_RANGES.map(([from, to]) => `\\u{${from.toString(16)}}-\\u{${to.toString(16)}}`).join('')}]`,
  'gu',
);

export function visibleText(text: string, maxLength = 256): string {
  const escaped = text.replace(
    INVISIBLE,
    (c) => `\\u{${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}}`,
  );
  if (escaped.length <= maxLength) return escaped;
  // Cut on a code point, never inside an escape's surrogate pair.
  return `${Array.from(escaped).slice(0, maxLength).join('')}… (${escaped.length - maxLength} more characters)`;
}
