import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { MailRegular, PlugConnectedRegular } from '@fluentui/react-icons';
import type { Verdict } from '../../../shared/verdict.js';
import { visibleText } from '../../../shared/visible-text.js';
import { remoteStrings } from '../remote-strings.js';
import { format, strings } from '../strings.js';
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

/** "Fix it on the remote computer": the steps there, their PowerShell, and the ways to get them done. */
function RemoteFixSection({
  remoteFix,
  onHandoff,
  onFixFromHere,
}: {
  remoteFix: NonNullable<Verdict['remoteFix']>;
  onHandoff?: () => void;
  onFixFromHere?: () => void;
}) {
  const styles = useStyles();
  const text = strings.verdict;
  return (
    <section className={styles.remote} aria-labelledby="remote-fix-heading">
      <h3 id="remote-fix-heading" className={styles.heading}>
        {text.remoteFixHeading}
      </h3>
      <ol className={styles.steps}>
        {remoteFix.steps.map((step) => (
          <li key={step}>{visibleText(step, 400)}</li>
        ))}
      </ol>
      {/* Focusable: it scrolls sideways, and keyboard users must be able to scroll it too. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region needs to take focus */}
      <section className={styles.code} aria-label={text.remoteFixPowerShell} tabIndex={0}>
        <pre className={styles.pre}>{remoteFix.powershell}</pre>
      </section>
      <div className={styles.actions}>
        {onFixFromHere && (
          <Button icon={<PlugConnectedRegular />} onClick={onFixFromHere}>
            {remoteStrings.fixFromHere}
          </Button>
        )}
        {onHandoff && <SendButton onHandoff={onHandoff} />}
        <CopyButton
          text={remoteFix.powershell}
          label={text.copyPowerShell}
          doneLabel={strings.checklist.copied}
        />
      </div>
    </section>
  );
}

const INTENT: Record<Verdict['side'], 'success' | 'warning' | 'error' | 'info'> = {
  none: 'success',
  'this-pc': 'warning',
  network: 'error',
  'remote-pc': 'error',
  unknown: 'info',
};

export function VerdictPanel({
  verdict,
  onHandoff,
  onFixFromHere,
  remoteComputer,
}: {
  verdict: Verdict;
  onHandoff?: () => void;
  /** "Check and fix it from here": that computer through PowerShell remoting (RemoteFixDialog). */
  onFixFromHere?: () => void;
  /** The computer worked on through remoting: its own faults are named for it, not for "this PC". */
  remoteComputer?: string;
}) {
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
          <MessageBarTitle>
            {remoteComputer && verdict.side === 'this-pc'
              ? format(remoteStrings.sideThere, { computer: remoteComputer })
              : text.sides[verdict.side]}
          </MessageBarTitle>
          {visibleText(verdict.summary, 600)}
        </MessageBarBody>
      </MessageBar>
      {verdict.remoteFix && (
        <RemoteFixSection
          remoteFix={verdict.remoteFix}
          {...(send ? { onHandoff: send } : {})}
          {...(onFixFromHere ? { onFixFromHere } : {})}
        />
      )}
      {send && !verdict.remoteFix && (
        <div className={styles.actions}>
          <SendButton onHandoff={send} />
        </div>
      )}
    </>
  );
}
