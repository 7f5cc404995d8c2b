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
import { type RefObject, useEffect, useId, useRef, useState } from 'react';
import type { ApplyChoice, ConfirmRequest } from '../stores/checklist-types.js';
import { format, strings } from '../strings.js';
import { MoreChoices } from './MoreChoices.js';
import { RecommendedChanges } from './RecommendedChanges.js';

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
  label: { color: tokens.colorNeutralForeground1 },
  nothing: { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold },
  // The button that says what pressing it does is never squeezed into two lines.
  primary: { flexShrink: 0, whiteSpace: 'nowrap' },
});

/** "Make 5 changes": what pressing the button does, counted from what is ticked now; no number for none. */
export function applyLabel(made: number): string {
  const c = strings.confirm;
  if (made === 0) return c.applyNone;
  return made === 1 ? c.applyOne : format(c.applyMany, { count: String(made) });
}

export interface ConfirmDialogProps {
  request: ConfirmRequest | null;
  onCancel(): void;
  onConfirm(choice: ApplyChoice): void;
}

/** The one confirmation before changes: what helps first, then what is optional or cannot be undone. */
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

/** The request split as the dialog shows it: made as it opens, or only when ticked (each with its reason). */
function groups(request: ConfirmRequest) {
  const recommended = request.changes.filter((change) => change.reversible);
  const suggestions = request.suggestions.filter((change) => change.reversible);
  // A suggestion that cannot be undone is shown with the others that cannot: its risk matters more.
  const irreversible = [...request.changes, ...request.suggestions].filter((change) => !change.reversible);
  const needsAdmin = [...request.changes, ...request.suggestions].some((change) => change.needsElevation);
  return { recommended, suggestions, irreversible, needsAdmin };
}

/** The changes the user ticked among those offered unticked. */
function useTicked(): [ReadonlySet<string>, (id: string, on: boolean) => void] {
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  function tick(id: string, on: boolean): void {
    const next = new Set(ticked);
    if (on) next.add(id);
    else next.delete(id);
    setTicked(next);
  }
  return [ticked, tick];
}

function ConfirmSurface({
  request,
  onCancel,
  onConfirm,
  title,
}: ConfirmDialogProps & { request: ConfirmRequest; title: RefObject<HTMLHeadingElement | null> }) {
  const styles = useStyles();
  const reasonId = useId();
  const [ticked, tick] = useTicked();
  const [restorePoint, setRestorePoint] = useState(false);
  const { recommended, suggestions, irreversible, needsAdmin } = groups(request);
  const optional = { suggestions, irreversible, ticked, onTick: tick };
  const made = recommended.length + ticked.size;
  const confirm = () =>
    onConfirm({
      allowIrreversible: irreversible.filter((c) => ticked.has(c.id)).map((c) => c.id),
      includeSuggestions: request.suggestions.filter((c) => ticked.has(c.id)).map((c) => c.id),
      restorePoint,
    });
  const single = request.changes.length + request.suggestions.length === 1;
  return (
    <DialogSurface className={styles.surface}>
      <DialogBody className={styles.body}>
        <DialogTitle as="h2" ref={title} tabIndex={-1} className={styles.title}>
          {request.repairId === null ? strings.confirm.title : strings.confirm.titleOne}
        </DialogTitle>
        <DialogContent className={styles.content}>
          {needsAdmin && (
            <MessageBar intent="info" layout="multiline">
              <MessageBarBody>
                {single ? strings.confirm.adminNoteOne : strings.confirm.adminNote}
              </MessageBarBody>
            </MessageBar>
          )}
          {recommended.length > 0 && <RecommendedChanges changes={recommended} />}
          {/* Folded after what helps; open when it is all there is (its own headings say what it is). */}
          <MoreChoices {...optional} folded={recommended.length > 0} />
          {request.repairId === null && (
            <Checkbox
              label={{ children: strings.confirm.restorePoint, className: styles.label }}
              checked={restorePoint}
              onChange={(_event, data) => setRestorePoint(data.checked === true)}
            />
          )}
          {made === 0 && (
            <Text id={reasonId} className={styles.nothing}>
              {strings.confirm.nothingTicked}
            </Text>
          )}
        </DialogContent>
        <ConfirmActions made={made} reasonId={reasonId} onCancel={onCancel} onConfirm={confirm} />
      </DialogBody>
    </DialogSurface>
  );
}

/** Cancel, and the button that counts what it makes (unusable, with the reason, when nothing is ticked). */
function ConfirmActions({
  made,
  reasonId,
  onCancel,
  onConfirm,
}: {
  made: number;
  reasonId: string;
  onCancel(): void;
  onConfirm(): void;
}) {
  const styles = useStyles();
  return (
    <DialogActions>
      <Button onClick={onCancel}>{strings.confirm.cancel}</Button>
      <Button
        className={styles.primary}
        appearance="primary"
        disabledFocusable={made === 0}
        aria-describedby={made === 0 ? reasonId : undefined}
        onClick={() => made > 0 && onConfirm()}
      >
        {applyLabel(made)}
      </Button>
    </DialogActions>
  );
}
