import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Radio,
  RadioGroup,
  Text,
  tokens,
} from '@fluentui/react-components';
import { KeyRegular } from '@fluentui/react-icons';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { visibleText } from '../../../shared/visible-text.js';
import { remoteStrings } from '../remote-strings.js';
import type { RemoteVia } from '../stores/remote-store.js';
import { useRemote } from '../stores/stores.js';
import { format } from '../strings.js';

/*
 * "Check and fix it from here" (issue 26): asks the way in (WinRM or SSH), the account, and the password or the
 * SSH key file (main's own file dialog: the page learns only its name). The password lives in this dialog's
 * field only, goes to main once per Connect, and is cleared when the dialog closes. A refusal is the port's one
 * sentence, shown here as text. Fluent's Dialog traps the focus and closes on Escape; the button that opened it
 * gets the focus back.
 */

const useStyles = makeStyles({
  surface: { maxWidth: 'min(560px, calc(100vw - 32px))' },
  content: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: tokens.spacingVerticalM },
  key: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    border: 'none',
    margin: 0,
    padding: 0,
  },
  // A legend does not take part in flex layout: floated, it sits on the line with the button.
  legend: { float: 'left', padding: 0, fontWeight: tokens.fontWeightSemibold },
  title: { ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` } },
});

/** The focus goes back to the button that opened the dialog once it closes. */
function useReturnFocus(open: boolean): void {
  const opener = useRef<HTMLElement | null>(null);
  if (open && opener.current === null && document.activeElement instanceof HTMLElement) {
    opener.current = document.activeElement;
  }
  useEffect(() => {
    if (open || !opener.current) return;
    if (opener.current.isConnected) opener.current.focus();
    opener.current = null;
  }, [open]);
}

export function RemoteFixDialog() {
  const styles = useStyles();
  const host = useRemote((s) => s.dialogHost);
  const close = useRemote((s) => s.close);
  const open = useRemote((s) => s.open);
  const opening = useRemote((s) => s.opening);
  const [password, setPassword] = useState('');
  const isOpen = host !== null;
  useReturnFocus(isOpen);
  useEffect(() => {
    if (!isOpen) setPassword('');
  }, [isOpen]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void open(password).then((done) => done && setPassword(''));
  };
  return (
    <Dialog open={isOpen} onOpenChange={(_event, data) => !data.open && close()}>
      <DialogSurface className={styles.surface} aria-describedby="remote-fix-needs">
        <form onSubmit={submit}>
          <DialogBody>
            <DialogTitle as="h2" className={styles.title}>
              {format(remoteStrings.title, { host: host ?? '' })}
            </DialogTitle>
            <DialogContent className={styles.content}>
              <Text id="remote-fix-needs">{format(remoteStrings.needs, { host: host ?? '' })}</Text>
              <RemoteFields password={password} onPassword={setPassword} />
              <RemoteError />
            </DialogContent>
            <DialogActions>
              <Button disabled={opening} onClick={close}>
                {remoteStrings.cancel}
              </Button>
              <Button type="submit" appearance="primary" disabledFocusable={opening}>
                {opening ? format(remoteStrings.connecting, { host: host ?? '' }) : remoteStrings.connect}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

/** The way in, the computer, the account, and the password or the key. */
function RemoteFields({ password, onPassword }: { password: string; onPassword(value: string): void }) {
  const form = useRemote((s) => s.form);
  const setForm = useRemote((s) => s.setForm);
  return (
    <>
      <Field label={remoteStrings.wayLegend}>
        <RadioGroup
          value={form.via}
          layout="horizontal"
          onChange={(_event, data) => setForm({ via: data.value as RemoteVia })}
        >
          <Radio value="winrm" label={remoteStrings.winrm} />
          <Radio value="ssh" label={remoteStrings.ssh} />
        </RadioGroup>
      </Field>
      <Field label={remoteStrings.computer} hint={remoteStrings.computerHint} required>
        <Input
          value={form.computer}
          spellCheck={false}
          onChange={(_event, data) => setForm({ computer: data.value })}
        />
      </Field>
      <Field label={remoteStrings.account} hint={remoteStrings.accountHint} required>
        <Input
          value={form.user}
          autoComplete="username"
          spellCheck={false}
          onChange={(_event, data) => setForm({ user: data.value })}
        />
      </Field>
      {form.via === 'winrm' ? (
        <Field label={remoteStrings.password} hint={remoteStrings.passwordHint}>
          <Input
            type="password"
            value={password}
            autoComplete="off"
            onChange={(_event, data) => onPassword(data.value)}
          />
        </Field>
      ) : (
        <KeyChoice />
      )}
    </>
  );
}

/** The SSH key: main's file dialog chooses it; its name is shown, its path stays in main. */
function KeyChoice() {
  const styles = useStyles();
  const keyName = useRemote((s) => s.form.keyName);
  const chooseKey = useRemote((s) => s.chooseKey);
  const statusId = useId();
  return (
    <fieldset className={styles.key}>
      <legend className={styles.legend}>{remoteStrings.keyFile}</legend>
      <Button icon={<KeyRegular />} aria-describedby={statusId} onClick={() => void chooseKey()}>
        {remoteStrings.chooseKey}
      </Button>
      <Text id={statusId}>
        {keyName === null
          ? remoteStrings.noKey
          : format(remoteStrings.keyChosen, { name: visibleText(keyName, 120) })}
      </Text>
    </fieldset>
  );
}

/** Why it did not open: the port's one sentence, as text. */
function RemoteError() {
  const error = useRemote((s) => s.error);
  if (error === null) return null;
  return (
    <MessageBar intent="error" layout="multiline" role="alert" data-testid="remote-fix-error">
      <MessageBarBody>{visibleText(error, 1000)}</MessageBarBody>
    </MessageBar>
  );
}
