import { ErrorCircleRegular, PeopleRegular, SearchRegular } from '@fluentui/react-icons';
import { type FormEvent, useId } from 'react';
import { localTime } from '../local-time.js';
import { useChecklist } from '../stores/stores.js';
import { format, strings } from '../strings.js';
import styles from './HostForm.module.css';
import { StartButton } from './StartButton.js';
import controls from './StartControls.module.css';

/** The "Check this PC" button, which takes focus back when a running check is cancelled. */
export const CHECK_BUTTON_ID = 'check-button';

/*
 * The host field is a native `<input list>` over a `<datalist>` of the Remote Desktop history: the browser
 * exposes it as a combobox, offers the hosts by keyboard and mouse, and it loads no positioning code. The
 * field and the button are native elements in Fluent's look (StartControls.module.css), which keeps the start
 * screen quick to become usable.
 */
export function HostForm() {
  const hostHistory = useChecklist((s) => s.hostHistory);
  const activity = useChecklist((s) => s.activity);
  // "Check again" only over the results of the computer in the field, not over those of this PC as a host.
  const hasScan = useChecklist((s) => s.scan !== null && s.scan.question !== 'incoming');
  const runScan = useChecklist((s) => s.runScan);
  const scanQueued = useChecklist((s) => s.scanQueued);

  const historyListId = useId();
  const busy = activity !== 'idle';
  // Enter in the field submits the form, as in any search box.
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) void runScan();
  };

  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate>
      <HostField historyListId={historyListId} />
      <datalist id={historyListId} data-testid="host-history">
        {hostHistory.map((host) => (
          <option key={host} value={host} />
        ))}
      </datalist>
      <StartButton
        id={CHECK_BUTTON_ID}
        className={styles.button}
        type="submit"
        appearance={hasScan ? 'secondary' : 'primary'}
        icon={<SearchRegular />}
        disabledFocusable={busy}
      >
        {activity === 'scanning' || scanQueued
          ? strings.start.scanning
          : hasScan
            ? strings.start.rescan
            : strings.start.scan}
      </StartButton>
      <LastCheckedLine />
      <ThisPcStart busy={busy} />
    </form>
  );
}

/**
 * The other question: "People can't connect to this PC" checks this PC as the computer others connect to
 * (engine/incoming-question.ts), without a name to type. A plain button beside the form's, never its submit.
 */
function ThisPcStart({ busy }: { busy: boolean }) {
  const runThisPcCheck = useChecklist((s) => s.runThisPcCheck);
  const hintId = useId();
  return (
    <div className={styles.thisPc}>
      <StartButton
        appearance="subtle"
        icon={<PeopleRegular />}
        aria-describedby={hintId}
        disabledFocusable={busy}
        onClick={() => void runThisPcCheck()}
        data-testid="this-pc-check"
      >
        {strings.start.thisPc}
      </StartButton>
      <span id={hintId} className={controls.hint}>
        {strings.start.thisPcHint}
      </span>
    </div>
  );
}

/** The host field with its label, what is wrong with the name (as it is typed) and the hint. */
function HostField({ historyListId }: { historyListId: string }) {
  const hostInput = useChecklist((s) => s.hostInput);
  const hostError = useChecklist((s) => s.hostError);
  const setHostInput = useChecklist((s) => s.setHostInput);
  const touchHost = useChecklist((s) => s.touchHost);
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  return (
    <div className={`${controls.field} ${styles.field}`}>
      <label className={controls.label} htmlFor={inputId}>
        {strings.start.hostLabel}
      </label>
      <span className={hostError ? `${controls.inputBox} ${controls.invalid}` : controls.inputBox}>
        <input
          id={inputId}
          className={controls.input}
          type="text"
          list={historyListId}
          autoComplete="off"
          spellCheck={false}
          value={hostInput}
          placeholder={strings.start.hostPlaceholder}
          aria-invalid={hostError ? true : undefined}
          aria-describedby={hostError ? `${errorId} ${hintId}` : hintId}
          onFocus={touchHost}
          onChange={(event) => setHostInput(event.target.value)}
        />
      </span>
      {hostError && (
        <span id={errorId} className={controls.error}>
          <ErrorCircleRegular aria-hidden />
          {hostError}
        </span>
      )}
      <span id={hintId} className={controls.hint}>
        {strings.start.hostHint}
      </span>
    </div>
  );
}

/** "Last checked: server01, fixed 09:02", from the app's own storage. */
function LastCheckedLine() {
  const lastChecked = useChecklist((s) => s.lastChecked);
  if (!lastChecked) return null;
  return (
    <p className={styles.lastChecked} data-testid="last-checked">
      {lastChecked.fixedAt
        ? format(strings.start.lastFixed, { host: lastChecked.host, when: localTime(lastChecked.fixedAt) })
        : format(strings.start.lastChecked, {
            host: lastChecked.host,
            when: localTime(lastChecked.checkedAt),
          })}
    </p>
  );
}
