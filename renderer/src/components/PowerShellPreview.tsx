import { makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import { strings } from '../strings.js';
import { CopyButton } from './CopyButton.js';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
  },
  label: { fontWeight: tokens.fontWeightSemibold },
  code: {
    margin: `${tokens.spacingVerticalXS} 0 0`,
    padding: tokens.spacingHorizontalS,
    maxHeight: '220px',
    overflow: 'auto',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    whiteSpace: 'pre',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
});

/** Read-only, copyable, and focusable so keyboard users can scroll it. */
export function PowerShellPreview({ script }: { script: string }) {
  const styles = useStyles();
  const labelId = useId();
  return (
    // A group, not a section: with a name a section is a landmark, and every open card would add one more
    // "Equivalent PowerShell" landmark of the same name.
    // biome-ignore lint/a11y/useSemanticElements: a label, a copy button and code are no form fields for a fieldset
    <div role="group" aria-labelledby={labelId}>
      <div className={styles.header}>
        <span id={labelId} className={styles.label}>
          {strings.checklist.powershell}
        </span>
        <CopyButton text={script} label={strings.checklist.copy} doneLabel={strings.checklist.copied} />
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
      <pre className={styles.code} tabIndex={0}>
        <code>{script}</code>
      </pre>
    </div>
  );
}
