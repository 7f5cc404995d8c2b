import { makeStyles, tokens } from '@fluentui/react-components';
import type { ComponentPropsWithoutRef } from 'react';
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

/*
 * The report as a reader sees it once posted: headings, tables and lists, rendered by react-markdown into
 * React elements (no HTML string, no raw HTML from the Markdown). Only the elements the report uses are
 * allowed; machine text is inside code spans in the Markdown, so it stays text here too. The report's headings
 * sit two levels down, under the page's h1 and its "The report" h2: one h1 per view (issue 27).
 */

const ALLOWED = [
  'h1',
  'h2',
  'h3',
  'p',
  'ul',
  'ol',
  'li',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'code',
  // The PowerShell for the remote computer ("Which side failed"): a fenced block keeps its lines.
  'pre',
  'strong',
  'em',
  'br',
];

const useStyles = makeStyles({
  root: {
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    maxHeight: '420px',
    overflow: 'auto',
    overflowWrap: 'anywhere',
    '& h3': { fontSize: tokens.fontSizeBase500, margin: `0 0 ${tokens.spacingVerticalS}` },
    '& h4': {
      fontSize: tokens.fontSizeBase400,
      margin: `${tokens.spacingVerticalM} 0 ${tokens.spacingVerticalXS}`,
    },
    '& h5': {
      fontSize: tokens.fontSizeBase300,
      margin: `${tokens.spacingVerticalS} 0 ${tokens.spacingVerticalXXS}`,
    },
    '& table': { borderCollapse: 'collapse' },
    '& th, & td': {
      border: `1px solid ${tokens.colorNeutralStroke2}`,
      padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
      textAlign: 'left',
      verticalAlign: 'top',
    },
    '& code': { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
    '& pre': {
      margin: `0 0 ${tokens.spacingVerticalS}`,
      padding: tokens.spacingVerticalS,
      whiteSpace: 'pre-wrap',
      backgroundColor: tokens.colorNeutralBackground3,
      borderRadius: tokens.borderRadiusMedium,
    },
  },
});

type HeadingProps = ComponentPropsWithoutRef<'h1'> & { node?: unknown };

/** The Markdown's h1, h2 and h3 as h3, h4 and h5; the node react-markdown passes is not an attribute. */
const HEADINGS: Components = {
  h1: ({ node: _node, ...props }: HeadingProps) => <h3 {...props} />,
  h2: ({ node: _node, ...props }: HeadingProps) => <h4 {...props} />,
  h3: ({ node: _node, ...props }: HeadingProps) => <h5 {...props} />,
};

export default function RenderedReport({ markdown, labelledBy }: { markdown: string; labelledBy: string }) {
  const styles = useStyles();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <div className={styles.root} role="document" aria-labelledby={labelledBy} tabIndex={0}>
      <Markdown remarkPlugins={[remarkGfm]} allowedElements={ALLOWED} components={HEADINGS} unwrapDisallowed>
        {markdown}
      </Markdown>
    </div>
  );
}
