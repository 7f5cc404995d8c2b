import { visibleText } from '../../shared/visible-text.js';

/*
 * Machine text inside Markdown, for the forum report and the hand-off: always data, never markup.
 */

/** The longest a value from the machine may be in a report. */
const MAX_VALUE = 500;
/** The longest a line of a code block may be (a PowerShell line is longer than a value). */
const MAX_CODE_LINE = 1000;

/**
 * Anything that came from the machine (names, messages, summaries built from them): a code span, so no
 * Markdown, HTML or link in it is ever live; line breaks, other control and bidi characters made visible
 * (\u{000A}), so it stays on its line; the length capped; and pipes escaped so it cannot break out of a table
 * cell (GFM honours \| inside code spans in tables). A backslash just before a pipe is shown as \u{005C}: GFM
 * parsers differ on "\\|", and micromark (the app's) reads it as an escaped backslash and a cell break.
 */
export function codeSpan(text: string): string {
  const oneLine = visibleText(text, MAX_VALUE)
    .replace(/\\(?=\|)/g, '\\u{005C}')
    .replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...(oneLine.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}

/**
 * Lines of code (the PowerShell for the remote computer) as a fenced block: each line made visible as above
 * (a carriage return or a bidi override inside a line cannot hide or move text), and a fence longer than any
 * run of backticks in it (PowerShell's escape character), so no line can close the block early.
 */
export function codeBlock(code: string, language: string): string[] {
  const lines = code.split('\n').map((line) => visibleText(line, MAX_CODE_LINE));
  const longestRun = Math.max(0, ...lines.flatMap((line) => line.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return [`${fence}${language}`, ...lines, fence];
}
