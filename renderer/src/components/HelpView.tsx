import { Button, Field, makeStyles, Switch, Text, Textarea, tokens } from '@fluentui/react-components';
import { SaveRegular } from '@fluentui/react-icons';
import { useEffect } from 'react';
import { parseHostTarget } from '../../../shared/host-name.js';
import { useChecklist, useNavigation, useReport } from '../stores/stores.js';
import { strings } from '../strings.js';
import { CopyButton } from './CopyButton.js';
import { NoticeBar } from './NoticeBar.js';

const useStyles = makeStyles({
  root: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: tokens.spacingVerticalM },
  headline: { margin: 0, fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600 },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  report: { width: '100%' },
  textarea: { fontFamily: tokens.fontFamilyMonospace, minHeight: '240px' },
});

function saveAsFile(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

export function HelpView() {
  const styles = useStyles();
  const scannedHost = useChecklist((s) => s.scannedHost);
  const hostInput = useChecklist((s) => s.hostInput);
  const go = useNavigation((s) => s.go);
  const redact = useReport((s) => s.redact);
  const markdown = useReport((s) => s.markdown);
  const loading = useReport((s) => s.loading);
  const notice = useReport((s) => s.notice);
  const load = useReport((s) => s.load);
  const setRedact = useReport((s) => s.setRedact);

  const host = scannedHost ?? (parseHostTarget(hostInput).ok ? hostInput.trim() : null);

  useEffect(() => {
    if (host !== null) void load(host);
  }, [host, load]);

  return (
    <div className={styles.root}>
      <h1 className={styles.headline}>{strings.help.heading}</h1>
      <Text>{strings.help.intro}</Text>
      {host === null ? (
        <div className={styles.actions}>
          <Text>{strings.help.needHost}</Text>
          <Button appearance="primary" onClick={() => go('check')}>
            {strings.help.goToCheck}
          </Button>
        </div>
      ) : (
        <>
          <Switch
            label={strings.help.redact}
            checked={redact}
            onChange={(_event, data) => void setRedact(host, data.checked)}
          />
          <NoticeBar notice={notice} />
          <Field className={styles.report} label={strings.help.reportLabel}>
            <Textarea
              textarea={{ className: styles.textarea }}
              readOnly
              resize="vertical"
              value={loading && markdown === null ? strings.help.loading : (markdown ?? '')}
            />
          </Field>
          <div className={styles.actions}>
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
      )}
    </div>
  );
}
