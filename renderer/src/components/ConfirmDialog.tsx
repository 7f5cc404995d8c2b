import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { ApplyChoice, ConfirmRequest } from '../stores/checklist-store.js';
import { format, strings } from '../strings.js';
import { ChangeList } from './ChangeList.js';

const useStyles = makeStyles({
  surface: { maxWidth: 'min(640px, calc(100vw - 32px))' },
  content: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingVerticalM,
    maxHeight: 'calc(100vh - 200px)',
    overflowY: 'auto',
  },
  fieldset: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingVerticalXS,
    border: 'none',
    padding: 0,
    margin: 0,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300 },
});

export interface ConfirmDialogProps {
  request: ConfirmRequest | null;
  onCancel(): void;
  onConfirm(choice: ApplyChoice): void;
}

/** The one confirmation before changes: what changes, which need admin, which cannot be undone (each ticked). */
export function ConfirmDialog({ request, onCancel, onConfirm }: ConfirmDialogProps) {
  // Keep showing the last request while the dialog animates closed; the Dialog stays mounted so it can
  // restore focus and un-hide the page behind it.
  const last = useRef(request);
  if (request) last.current = request;
  const shown = request ?? last.current;
  // The button that opened the dialog gets focus back when it closes (no DialogTrigger here to do it). Read
  // during render, before the dialog's own effects move focus inside it.
  const opener = useRef<HTMLElement | null>(null);
  if (request && opener.current === null && document.activeElement instanceof HTMLElement) {
    opener.current = document.activeElement;
  }
  useEffect(() => {
    if (request || !opener.current) return;
    opener.current.focus();
    opener.current = null;
  }, [request]);
  return (
    <Dialog open={request !== null} onOpenChange={(_event, data) => !data.open && onCancel()}>
      {shown ? (
        <ConfirmSurface request={shown} onCancel={onCancel} onConfirm={onConfirm} />
      ) : (
        <DialogSurface />
      )}
    </Dialog>
  );
}

function ConfirmSurface({ request, onCancel, onConfirm }: ConfirmDialogProps & { request: ConfirmRequest }) {
  const styles = useStyles();
  const [allowed, setAllowed] = useState<ReadonlySet<string>>(new Set());
  const [suggested, setSuggested] = useState<ReadonlySet<string>>(new Set());
  const [restorePoint, setRestorePoint] = useState(false);
  const irreversible = request.changes.filter((change) => !change.reversible);
  const reversible = request.changes.filter((change) => change.reversible);
  const needsAdmin = request.changes.some((change) => change.needsElevation);
  const toggle = (id: string, on: boolean) => {
    const next = new Set(allowed);
    if (on) next.add(id);
    else next.delete(id);
    setAllowed(next);
  };
  const toggleSuggestion = (id: string, on: boolean) => {
    const next = new Set(suggested);
    if (on) next.add(id);
    else next.delete(id);
    setSuggested(next);
  };
  return (
    <DialogSurface className={styles.surface}>
      <DialogBody>
        <DialogTitle>
          {request.repairId === null ? strings.confirm.title : strings.confirm.titleOne}
        </DialogTitle>
        <DialogContent className={styles.content}>
          <Text>{strings.confirm.intro}</Text>
          {needsAdmin && (
            <MessageBar intent="info" layout="multiline">
              <MessageBarBody>{strings.confirm.adminNote}</MessageBarBody>
            </MessageBar>
          )}
          {reversible.length > 0 && <ChangeList changes={reversible} />}
          {irreversible.length > 0 && (
            <fieldset className={styles.fieldset}>
              <legend>
                <h3 className={styles.heading}>{strings.confirm.irreversibleHeading}</h3>
              </legend>
              {irreversible.map((change) => (
                <Checkbox
                  key={change.id}
                  label={format(strings.confirm.irreversibleConsent, {
                    description: change.description,
                    reason: change.irreversibleReason ?? strings.checklist.cannotUndoNoReason,
                  })}
                  checked={allowed.has(change.id)}
                  onChange={(_event, data) => toggle(change.id, data.checked === true)}
                />
              ))}
            </fieldset>
          )}
          {request.suggestions.length > 0 && (
            <fieldset className={styles.fieldset}>
              <legend>
                <h3 className={styles.heading}>{strings.confirm.suggestionsHeading}</h3>
              </legend>
              {request.suggestions.map((change) => (
                <Checkbox
                  key={change.id}
                  label={change.description}
                  checked={suggested.has(change.id)}
                  onChange={(_event, data) => toggleSuggestion(change.id, data.checked === true)}
                />
              ))}
            </fieldset>
          )}
          {request.repairId === null && (
            <Checkbox
              label={strings.confirm.restorePoint}
              checked={restorePoint}
              onChange={(_event, data) => setRestorePoint(data.checked === true)}
            />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel}>{strings.confirm.cancel}</Button>
          <Button
            appearance="primary"
            onClick={() =>
              onConfirm({ allowIrreversible: [...allowed], includeSuggestions: [...suggested], restorePoint })
            }
          >
            {strings.confirm.apply}
          </Button>
        </DialogActions>
      </DialogBody>
    </DialogSurface>
  );
}
