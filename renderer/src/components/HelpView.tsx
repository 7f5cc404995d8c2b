import { Button, Field, makeStyles, Switch, Text, Textarea, tokens } from '@fluentui/react-components';
import {
  DocumentSearchRegular,
  FolderOpenRegular,
  KeyMultipleRegular,
  SaveRegular,
} from '@fluentui/react-icons';
import { lazy, type ReactElement, Suspense, useEffect, useId, useState } from 'react';
import { parseHostTarget } from '../../../shared/host-name.js';
import type { SystemTool } from '../../../shared/ipc.js';
import { saveAsFile } from '../save-file.js';
import { useChecklist, useNavigation, useReport } from '../stores/stores.js';
import { strings } from '../strings.js';
import { CopyButton } from './CopyButton.js';
import { ErrorMeaning } from './ErrorMeaning.js';
import { NoticeBar } from './NoticeBar.js';
import { usePageSectionStyles } from './page-section-styles.js';

const useStyles = makeStyles({
  headline: { margin: 0, fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600 },
  tools: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingVerticalS,
    marginTop: tokens.spacingVerticalL,
  },
  subheading: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500 },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  report: { width: '100%' },
  textarea: { fontFamily: tokens.fontFamilyMonospace, minHeight: '240px' },
});

// Loaded when Get help opens, so the Markdown renderer is not in the start screen's bundle.
const RenderedReport = lazy(() => import('./RenderedReport.js'));

const TOOLS: readonly { tool: SystemTool; label: string; icon: ReactElement }[] = [
  { tool: 'event-viewer', label: strings.help.eventViewer, icon: <DocumentSearchRegular /> },
  { tool: 'credential-manager', label: strings.help.credentialManager, icon: <KeyMultipleRegular /> },
  { tool: 'log-folder', label: strings.help.logFolder, icon: <FolderOpenRegular /> },
];

export function HelpView() {
  const styles = useStyles();
  const section = usePageSectionStyles();
  const scannedHost = useChecklist((s) => s.scannedHost);
  const hostInput = useChecklist((s) => s.hostInput);
  const load = useReport((s) => s.load);
  const reportHeadingId = useId();

  const host = scannedHost ?? (parseHostTarget(hostInput).ok ? hostInput.trim() : null);

  useEffect(() => {
    if (host !== null) void load(host);
  }, [host, load]);

  return (
    <div className={section.root}>
      <h1 className={styles.headline}>{strings.help.heading}</h1>
      <ErrorMeaning />
      <h2 id={reportHeadingId} className={styles.subheading}>
        {strings.help.reportHeading}
      </h2>
      <Text>{strings.help.intro}</Text>
      {host === null ? <NeedHost /> : <Report host={host} headingId={reportHeadingId} />}
      <WindowsTools />
    </div>
  );
}

/** No computer named yet: the report needs one, so the way back to the check. */
function NeedHost() {
  const styles = useStyles();
  const go = useNavigation((s) => s.go);
  return (
    <div className={styles.actions}>
      <Text>{strings.help.needHost}</Text>
      <Button appearance="primary" onClick={() => go('check')}>
        {strings.help.goToCheck}
      </Button>
    </div>
  );
}

/** The report for `host`: redacted or not, rendered, its Markdown behind "Show text", to copy or save. */
function Report({ host, headingId }: { host: string; headingId: string }) {
  const styles = useStyles();
  const redact = useReport((s) => s.redact);
  const markdown = useReport((s) => s.markdown);
  const loading = useReport((s) => s.loading);
  const notice = useReport((s) => s.notice);
  const setRedact = useReport((s) => s.setRedact);
  const [showText, setShowText] = useState(false);
  return (
    <>
      <Switch
        label={strings.help.redact}
        checked={redact}
        onChange={(_event, data) => void setRedact(host, data.checked)}
      />
      <NoticeBar notice={notice} />
      {markdown === null ? (
        <Text>{loading ? strings.help.loading : ''}</Text>
      ) : (
        <Suspense fallback={<Text>{strings.help.loading}</Text>}>
          <RenderedReport markdown={markdown} labelledBy={headingId} />
        </Suspense>
      )}
      {showText && (
        <Field className={styles.report} label={strings.help.reportLabel}>
          <Textarea
            textarea={{ className: styles.textarea }}
            readOnly
            resize="vertical"
            value={loading && markdown === null ? strings.help.loading : (markdown ?? '')}
          />
        </Field>
      )}
      <div className={styles.actions}>
        <Button size="small" aria-expanded={showText} onClick={() => setShowText(!showText)}>
          {showText ? strings.help.hideText : strings.help.showText}
        </Button>
        <CopyButton text={markdown ?? ''} label={strings.help.copy} doneLabel={strings.help.copied} />
        <Button
          size="small"
          icon={<SaveRegular />}
          disabledFocusable={markdown === null}
          onClick={() => markdown !== null && saveAsFile(markdown, strings.help.fileName)}
        >
          {strings.help.save}
        </Button>
      </div>
    </>
  );
}

/** "Look further in Windows": Event Viewer, Credential Manager, the log folder. */
function WindowsTools() {
  const styles = useStyles();
  const toolNotice = useReport((s) => s.toolNotice);
  const openTool = useReport((s) => s.openTool);
  const toolsHeadingId = useId();
  return (
    <section className={styles.tools} aria-labelledby={toolsHeadingId}>
      <h2 id={toolsHeadingId} className={styles.subheading}>
        {strings.help.toolsHeading}
      </h2>
      <Text>{strings.help.toolsIntro}</Text>
      <div className={styles.actions}>
        {TOOLS.map(({ tool, label, icon }) => (
          <Button key={tool} icon={icon} onClick={() => void openTool(tool)}>
            {label}
          </Button>
        ))}
      </div>
      <NoticeBar notice={toolNotice} />
    </section>
  );
}
