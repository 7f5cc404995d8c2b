import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { MailRegular } from '@fluentui/react-icons';
import type { Verdict } from '../../../shared/verdict.js';
import { visibleText } from '../../../shared/visible-text.js';
import { strings } from '../strings.js';
import { CopyButton } from './CopyButton.js';

/*
 * The first line of the results: which side failed, in one sentence (the scan's verdict). For a fault on the
 * remote computer, what its administrator does there, with the PowerShell to copy. Text is shown as text.
 */

const useStyles = makeStyles({
  remote: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400 },
  steps: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXXL },
  code: {
    margin: 0,
    padding: tokens.spacingVerticalS,
    overflowX: 'auto',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
  },
  pre: { margin: 0, fontFamily: 'inherit', whiteSpace: 'pre' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

/** The sides whose fix is not on this PC: the page goes to whoever looks after the other side. */
export function isHandoffSide(side: Verdict['side']): boolean {
  return side === 'remote-pc' || side === 'network';
}

function SendButton({ onHandoff }: { onHandoff: () => void }) {
  return (
    <Button appearance="primary" icon={<MailRegular />} onClick={onHandoff}>
      {strings.handoff.send}
    </Button>
  );
}

const INTENT: Record<Verdict['side'], 'success' | 'warning' | 'error' | 'info'> = {
  none: 'success',
  'this-pc': 'warning',
  network: 'error',
  'remote-pc': 'error',
  unknown: 'info',
};

export function VerdictPanel({ verdict, onHandoff }: { verdict: Verdict; onHandoff?: () => void }) {
  const styles = useStyles();
  const text = strings.verdict;
  const send = onHandoff && isHandoffSide(verdict.side) ? onHandoff : undefined;
  return (
    <>
      <MessageBar
        intent={INTENT[verdict.side]}
        layout="multiline"
        data-testid="verdict"
        data-side={verdict.side}
      >
        <MessageBarBody>
          <MessageBarTitle>{text.sides[verdict.side]}</MessageBarTitle>
          {visibleText(verdict.summary, 600)}
        </MessageBarBody>
      </MessageBar>
      {verdict.remoteFix && (
        <section className={styles.remote} aria-labelledby="remote-fix-heading">
          <h3 id="remote-fix-heading" className={styles.heading}>
            {text.remoteFixHeading}
          </h3>
          <ol className={styles.steps}>
            {verdict.remoteFix.steps.map((step) => (
              <li key={step}>{visibleText(step, 400)}</li>
            ))}
          </ol>
          {/* Focusable: it scrolls sideways, and keyboard users must be able to scroll it too. */}
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region needs to take focus */}
          <section className={styles.code} aria-label={text.remoteFixPowerShell} tabIndex={0}>
            <pre className={styles.pre}>{verdict.remoteFix.powershell}</pre>
          </section>
          <div className={styles.actions}>
            {send && <SendButton onHandoff={send} />}
            <CopyButton
              text={verdict.remoteFix.powershell}
              label={text.copyPowerShell}
              doneLabel={strings.checklist.copied}
            />
          </div>
        </section>
      )}
      {send && !verdict.remoteFix && (
        <div className={styles.actions}>
          <SendButton onHandoff={send} />
        </div>
      )}
    </>
  );
}
