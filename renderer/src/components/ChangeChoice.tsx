import { Badge, Button, Checkbox, makeStyles, Text, tokens } from '@fluentui/react-components';
import { CheckmarkCircleRegular, ChevronDownRegular, ChevronRightRegular } from '@fluentui/react-icons';
import { useId, useState } from 'react';
import type { ChangeView } from '../../../shared/ipc.js';
import { format, strings } from '../strings.js';
import { changeName } from './card-actions.js';
import { PowerShellPreview } from './PowerShellPreview.js';

// Two columns: the tick box (or, for what is made anyway, a tick mark), then the name with everything about it
// aligned under the name.
const useStyles = makeStyles({
  item: {
    display: 'grid',
    gridTemplateColumns: '32px minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalXS,
    rowGap: tokens.spacingVerticalXXS,
    alignItems: 'start',
  },
  marker: { display: 'flex', justifyContent: 'center', paddingTop: '6px' },
  made: { fontSize: '20px', color: tokens.colorBrandForeground1 },
  body: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingVerticalXXS,
    minWidth: 0,
  },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    paddingTop: tokens.spacingVerticalS,
  },
  // Full contrast: Fluent draws an unticked checkbox's own label in a grey that reads as disabled.
  label: { color: tokens.colorNeutralForeground1, cursor: 'pointer' },
  note: { color: tokens.colorNeutralForeground2 },
  details: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: tokens.spacingVerticalXS },
  toggle: { justifySelf: 'start', minWidth: 0, paddingLeft: 0 },
});

export interface ChangeChoiceProps {
  change: ChangeView;
  /** Offered with a tick box (optional, or cannot be undone); a recommended change is listed plainly. */
  choice?: { checked: boolean; onChange(checked: boolean): void };
  /** Why it is optional, or what it risks: said under its name and read with its tick box. */
  note?: string;
}

/**
 * One change of the consent dialog: its name in plain words (the description up to its first colon), whether it
 * needs administrator permission, what it risks, and behind "Details" the whole description and the PowerShell.
 */
export function ChangeChoice({ change, choice, note }: ChangeChoiceProps) {
  const styles = useStyles();
  const noteId = useId();
  const boxId = useId();
  const name = changeName(change);
  const notes = [note, change.warning].filter((text): text is string => text !== undefined);
  return (
    <li className={styles.item}>
      <span className={styles.marker}>
        {choice ? (
          <Checkbox
            id={boxId}
            checked={choice.checked}
            aria-describedby={notes.length > 0 ? noteId : undefined}
            onChange={(_event, data) => choice.onChange(data.checked === true)}
          />
        ) : (
          <CheckmarkCircleRegular className={styles.made} aria-hidden />
        )}
      </span>
      <div className={styles.body}>
        <div className={styles.row}>
          {choice ? (
            <label htmlFor={boxId} className={styles.label}>
              {name}
            </label>
          ) : (
            <Text>{name}</Text>
          )}
          {change.needsElevation && (
            <Badge appearance="outline" color="informative" size="small">
              {strings.confirm.adminTag}
            </Badge>
          )}
        </div>
        {notes.length > 0 && (
          <Text id={noteId} size={200} className={styles.note}>
            {notes.join(' ')}
          </Text>
        )}
        <ChangeDetails change={change} name={name} />
      </div>
    </li>
  );
}

/** "Details", folded: the whole description and the PowerShell. */
function ChangeDetails({ change, name }: { change: ChangeView; name: string }) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  return (
    <>
      <Button
        className={styles.toggle}
        appearance="transparent"
        size="small"
        icon={open ? <ChevronDownRegular /> : <ChevronRightRegular />}
        aria-expanded={open}
        aria-controls={open ? detailsId : undefined}
        aria-label={format(strings.confirm.detailsOf, { name })}
        onClick={() => setOpen(!open)}
      >
        {strings.confirm.details}
      </Button>
      {open && (
        <div id={detailsId} className={styles.details}>
          <Text>{change.description}</Text>
          {change.powershellPreview !== '' && <PowerShellPreview script={change.powershellPreview} />}
        </div>
      )}
    </>
  );
}
