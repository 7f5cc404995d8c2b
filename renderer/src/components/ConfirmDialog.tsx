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
import { type RefObject, useEffect, useRef, useState } from 'react';
import type { ApplyChoice, ConfirmRequest } from '../stores/checklist-store.js';
import { format, strings } from '../strings.js';
import { ChangeList } from './ChangeList.js';

const useStyles = makeStyles({
  surface: { maxWidth: 'min(640px, calc(100vw - 32px))', maxHeight: 'calc(100vh - 32px)' },
  // Title and buttons stay in place; only the list between them scrolls.
  body: { maxHeight: 'calc(100vh - 80px)', gridTemplateRows: 'auto minmax(0, 1fr) auto' },
  title: { ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` } },
  content: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    alignContent: 'start',
    gap: tokens.spacingVerticalM,
    overflowY: 'auto',
  },
  actions: { alignItems: 'center' },
  nothing: { color: tokens.colorNeutralForeground2, marginRight: tokens.spacingHorizontalS },
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

/** "Make 5 changes, skip 3": what pressing the button does, counted from what is ticked now. */
export function applyLabel(made: number, skipped: number): string {
  const c = strings.confirm;
  if (skipped === 0) return made === 1 ? c.applyOne : format(c.applyMany, { count: String(made) });
  return format(made === 1 ? c.applyOneSkip : c.applyManySkip, {
    count: String(made),
    skipped: String(skipped),
  });
}

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
  // The title takes focus, so the dialog opens at its top (a focused checkbox would scroll it to the middle).
  // This effect runs after the Dialog's own, which focuses the first control inside it.
  const title = useRef<HTMLHeadingElement>(null);
  const isOpen = request !== null;
  useEffect(() => {
    if (isOpen) title.current?.focus();
  }, [isOpen]);
  return (
    <Dialog open={request !== null} onOpenChange={(_event, data) => !data.open && onCancel()}>
      {shown ? (
        <ConfirmSurface request={shown} onCancel={onCancel} onConfirm={onConfirm} title={title} />
      ) : (
        <DialogSurface />
      )}
    </Dialog>
  );
}

function ConfirmSurface({
  request,
  onCancel,
  onConfirm,
  title,
}: ConfirmDialogProps & { request: ConfirmRequest; title: RefObject<HTMLHeadingElement | null> }) {
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
  const made = reversible.length + allowed.size + suggested.size;
  const single = request.changes.length + request.suggestions.length === 1;
  const skipped = irreversible.length - allowed.size + request.suggestions.length - suggested.size;
  return (
    <DialogSurface className={styles.surface}>
      <DialogBody className={styles.body}>
        <DialogTitle as="h2" ref={title} tabIndex={-1} className={styles.title}>
          {request.repairId === null ? strings.confirm.title : strings.confirm.titleOne}
        </DialogTitle>
        <DialogContent className={styles.content}>
          <Text>{single ? strings.confirm.introOne : strings.confirm.intro}</Text>
          {needsAdmin && (
            <MessageBar intent="info" layout="multiline">
              <MessageBarBody>
                {single ? strings.confirm.adminNoteOne : strings.confirm.adminNote}
              </MessageBarBody>
            </MessageBar>
          )}
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
          {reversible.length > 0 && (
            <section className={styles.fieldset} aria-labelledby="confirm-reversible">
              <h3 id="confirm-reversible" className={styles.heading}>
                {strings.confirm.reversibleHeading}
              </h3>
              <ChangeList changes={reversible} />
            </section>
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
        <DialogActions className={styles.actions}>
          {made === 0 && (
            <Text id="confirm-nothing" size={200} className={styles.nothing}>
              {strings.confirm.nothingTicked}
            </Text>
          )}
          <Button onClick={onCancel}>{strings.confirm.cancel}</Button>
          <Button
            appearance="primary"
            disabledFocusable={made === 0}
            aria-describedby={made === 0 ? 'confirm-nothing' : undefined}
            onClick={() =>
              made > 0 &&
              onConfirm({ allowIrreversible: [...allowed], includeSuggestions: [...suggested], restorePoint })
            }
          >
            {applyLabel(made, skipped)}
          </Button>
        </DialogActions>
      </DialogBody>
    </DialogSurface>
  );
}
