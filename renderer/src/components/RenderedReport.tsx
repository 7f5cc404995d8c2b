import { makeStyles, tokens } from '@fluentui/react-components';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';

/*
 * The report as a reader sees it once posted: headings, tables and lists, rendered by react-markdown into
 * React elements (no HTML string, no raw HTML from the Markdown). Only the elements the report uses are
 * allowed; machine text is inside code spans in the Markdown, so it stays text here too.
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
    '& h1': { fontSize: tokens.fontSizeBase500, margin: `0 0 ${tokens.spacingVerticalS}` },
    '& h2': {
      fontSize: tokens.fontSizeBase400,
      margin: `${tokens.spacingVerticalM} 0 ${tokens.spacingVerticalXS}`,
    },
    '& h3': {
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
  },
});

export default function RenderedReport({ markdown, labelledBy }: { markdown: string; labelledBy: string }) {
  const styles = useStyles();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <div className={styles.root} role="document" aria-labelledby={labelledBy} tabIndex={0}>
      <Markdown remarkPlugins={[remarkGfm]} allowedElements={ALLOWED} unwrapDisallowed>
        {markdown}
      </Markdown>
    </div>
  );
}
