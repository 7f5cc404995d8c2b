import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  Text,
  tokens,
} from '@fluentui/react-components';
import { MailRegular, SaveRegular } from '@fluentui/react-icons';
import { saveAsFile } from '../save-file.js';
import { useHandoff } from '../stores/stores.js';
import { format, strings } from '../strings.js';
import { CopyButton } from './CopyButton.js';
import { NoticeBar } from './NoticeBar.js';

/*
 * "Send to the administrator": the page for whoever looks after the remote computer, shown exactly as it is
 * sent (plain text), to copy, save or open in the mail app. The mail link carries no address: the user picks
 * their own IT there. Text from the machine is rendered as text by React, never as markup.
 */

const useStyles = makeStyles({
  surface: { maxWidth: 'min(760px, calc(100vw - 32px))' },
  content: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: tokens.spacingVerticalS },
  page: {
    maxHeight: '45vh',
    overflow: 'auto',
    padding: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground3,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  pre: {
    margin: 0,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
  actions: { flexWrap: 'wrap' },
});

export function HandoffDialog() {
  const styles = useStyles();
  const host = useHandoff((s) => s.host);
  const close = useHandoff((s) => s.close);
  return (
    <Dialog open={host !== null} onOpenChange={(_event, data) => !data.open && close()}>
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>{format(strings.handoff.title, { host: host ?? '' })}</DialogTitle>
          <HandoffContent host={host ?? ''} />
          <HandoffActions />
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/** The page for the other side, as it will be sent, in a region that scrolls. */
function HandoffContent({ host }: { host: string }) {
  const styles = useStyles();
  const page = useHandoff((s) => s.page);
  const notice = useHandoff((s) => s.notice);
  const text = strings.handoff;
  return (
    <DialogContent className={styles.content}>
      <Text>{format(text.intro, { host })}</Text>
      <NoticeBar notice={notice} />
      {page === null ? (
        notice === null && <Text role="status">{text.loading}</Text>
      ) : (
        <>
          {/* Focusable: it scrolls, and keyboard users must be able to scroll it too. */}
          <section
            className={styles.page}
            aria-label={text.pageLabel}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region needs to take focus
            tabIndex={0}
            data-testid="handoff-page"
          >
            <pre className={styles.pre}>{page.markdown}</pre>
          </section>
        </>
      )}
      {page && !page.fits && <Text>{text.mailPaste}</Text>}
    </DialogContent>
  );
}

/** Copy, save, mail, close. */
function HandoffActions() {
  const styles = useStyles();
  const page = useHandoff((s) => s.page);
  const close = useHandoff((s) => s.close);
  const text = strings.handoff;
  // A page too long for a mail link goes on the clipboard as the mail opens, and the mail says to paste it.
  const copyForMail = () => {
    if (page && !page.fits) void navigator.clipboard.writeText(page.markdown).catch(() => undefined);
  };
  return (
    <DialogActions className={styles.actions} fluid>
      <CopyButton text={page?.markdown ?? ''} label={text.copy} doneLabel={text.copied} />
      <Button
        size="small"
        icon={<SaveRegular />}
        disabledFocusable={page === null}
        onClick={() => page && saveAsFile(page.markdown, page.fileName)}
      >
        {text.save}
      </Button>
      {page && (
        <Button
          as="a"
          size="small"
          icon={<MailRegular />}
          href={page.mailto}
          // The app's window-open handler hands an allow-listed mailto: to the mail app (main.ts).
          target="_blank"
          rel="noreferrer"
          onClick={copyForMail}
        >
          {text.mail}
        </Button>
      )}
      <Button size="small" appearance="primary" onClick={close}>
        {text.close}
      </Button>
    </DialogActions>
  );
}
