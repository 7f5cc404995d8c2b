import type { Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../shared/findings.js';
import type { RunSummary } from '../../shared/ipc.js';
import { type ForumReportInput, renderForumReport } from './forum-report.js';

/*
 * One line of machine text stays one line of the report, parsed as the app parses it (remark with GFM, as
 * react-markdown in Get help): no line break starts a line, no pipe breaks a table row, no backtick closes a
 * code span early, and nothing of it becomes a link, an image or HTML.
 */

const FAKE = '[OK] all checks passed';
const HOSTILE = [
  `a\n${FAKE}`,
  `b\r\n# Heading\r${FAKE}`,
  `c\u2028${FAKE}\u2029![tracker](https://evil.example/t.png)`,
  'd | e \\| f \\\\| g',
  'h `` ` i ``` j',
  'k\tl\\',
  '`m`',
  'ends with a backslash\\',
];

function finding(text: string, i: number): Finding {
  return {
    repairId: 'vpn',
    status: 'manual',
    summary: text,
    explanation: '',
    evidence: [{ label: `label ${i} ${text}`, value: text }],
    instructions: [],
  };
}

const run = (startedAt: string, host: string): RunSummary => ({
  runId: 'run-20261120-abcdef12',
  host,
  startedAt,
  state: 'done',
  changes: [
    {
      id: 'vpn',
      repairId: 'vpn',
      description: HOSTILE.join(' '),
      reversible: true,
      needsElevation: false,
      undone: false,
    },
  ],
  undoable: true,
});

const input: ForumReportInput = {
  facts: {
    build: `10.0.22631\n${FAKE}`,
    edition: 'Professional | x',
    elevated: false,
    user: `alice\n${FAKE}`,
    documentsFolder: 'C:\\Users\\alice\\Documents',
    powershellVersion: '5.1',
  },
  host: 'server01.contoso.com',
  findings: HOSTILE.map(finding),
  // A planted journal's start time is not a date: it is shown as data, never as a line of its own.
  runs: [run(`not a date\n${FAKE}\n![x](https://evil.example/x.png)`, 'server01')],
  events: [
    {
      channel: 'System',
      id: 36887,
      time: '2026-11-19T10:00:00Z',
      provider: `Schannel | ${FAKE}`,
      message: HOSTILE[3],
      data: {},
    },
  ],
  generatedAt: new Date('2026-11-21T09:00:00Z'),
};

function walk(node: Root | RootContent, visit: (node: Root | RootContent) => void): void {
  visit(node);
  if ('children' in node) for (const child of node.children) walk(child, visit);
}

describe.each([false, true])(
  'the report with line breaks, pipes and backticks in machine text (redact: %s)',
  (redact) => {
    const markdown = renderForumReport(input, { redact });
    const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown);

    it('starts no line with machine text', () => {
      for (const line of markdown.split(/\r\n|\r|\n|\u2028|\u2029|\u0085/)) {
        expect(line.startsWith(FAKE), line).toBe(false);
        expect(line.startsWith('# Heading'), line).toBe(false);
      }
      expect(markdown).toContain(`\\u{000A}${FAKE}`);
      expect(markdown).toContain('\\u{000D}\\u{000A}# Heading\\u{000D}');
    });

    it('keeps every table row to its header’s cells', () => {
      let tables = 0;
      walk(tree, (node) => {
        if (node.type !== 'table') return;
        tables++;
        const [header, ...rows] = node.children;
        for (const row of rows) expect(row.children).toHaveLength(header?.children.length ?? 0);
      });
      expect(tables).toBeGreaterThanOrEqual(3);
    });

    it('makes no link, image, HTML or heading of machine text', () => {
      const kinds = new Set<string>();
      const headings: string[] = [];
      walk(tree, (node) => {
        kinds.add(node.type);
        if (node.type === 'heading' && node.children[0]?.type === 'text')
          headings.push(node.children[0].value);
      });
      for (const kind of ['link', 'image', 'html', 'linkReference', 'imageReference'])
        expect(kinds).not.toContain(kind);
      expect(headings.some((h) => h.includes('Heading'))).toBe(false);
    });

    it('keeps each value whole in one code span', () => {
      const spans: string[] = [];
      walk(tree, (node) => {
        if (node.type === 'inlineCode') spans.push(node.value);
      });
      expect(spans).toContain('d | e \\| f \\\\| g'.replace(/\\(?=\|)/g, '\\u{005C}'));
      expect(spans).toContain('h `` ` i ``` j');
      expect(spans).toContain('`m`');
      expect(spans).toContain('k\\u{0009}l\\');
    });
  },
);
