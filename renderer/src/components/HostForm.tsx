import { Button, Combobox, Field, Option } from '@fluentui/react-components';
import { SearchRegular } from '@fluentui/react-icons';
import { type FormEvent, useRef } from 'react';
import { useChecklist } from '../stores/stores.js';
import { strings } from '../strings.js';
import styles from './HostForm.module.css';
import { useNoStaleActiveDescendant } from './use-no-stale-active-descendant.js';

export function HostForm() {
  const hostInput = useChecklist((s) => s.hostInput);
  const hostError = useChecklist((s) => s.hostError);
  const hostHistory = useChecklist((s) => s.hostHistory);
  const activity = useChecklist((s) => s.activity);
  const hasScan = useChecklist((s) => s.scan !== null);
  const setHostInput = useChecklist((s) => s.setHostInput);
  const runScan = useChecklist((s) => s.runScan);

  const inputRef = useRef<HTMLInputElement>(null);
  useNoStaleActiveDescendant(inputRef);
  const busy = activity !== 'idle';
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) void runScan();
  };

  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate>
      <Field
        className={styles.field}
        label={strings.start.hostLabel}
        hint={strings.start.hostHint}
        validationState={hostError ? 'error' : 'none'}
        validationMessage={hostError ?? undefined}
      >
        <Combobox
          className={styles.combobox}
          freeform
          inlinePopup
          ref={inputRef}
          value={hostInput}
          placeholder={strings.start.hostPlaceholder}
          onChange={(event) => setHostInput(event.target.value)}
          onOptionSelect={(_event, data) => {
            if (data.optionText !== undefined) setHostInput(data.optionText);
          }}
          onKeyDown={(event) => {
            // Enter with the list closed submits, as in any search box.
            if (event.key === 'Enter' && event.currentTarget.getAttribute('aria-expanded') !== 'true') {
              event.preventDefault();
              if (!busy) void runScan();
            }
          }}
        >
          {hostHistory.map((host) => (
            <Option key={host} value={host}>
              {host}
            </Option>
          ))}
        </Combobox>
      </Field>
      <Button
        className={styles.button}
        type="submit"
        appearance={hasScan ? 'secondary' : 'primary'}
        icon={<SearchRegular />}
        disabledFocusable={busy}
      >
        {activity === 'scanning'
          ? strings.start.scanning
          : hasScan
            ? strings.start.rescan
            : strings.start.scan}
      </Button>
    </form>
  );
}
