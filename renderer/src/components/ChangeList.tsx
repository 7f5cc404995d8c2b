import { Badge, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ChangeView } from '../../../shared/ipc.js';
import { format, strings } from '../strings.js';

const useStyles = makeStyles({
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingVerticalXS,
  },
  tags: {
    display: 'inline-flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXS,
    marginLeft: tokens.spacingHorizontalXS,
  },
  note: { display: 'block', color: tokens.colorNeutralForeground2 },
});

/** The exact list of changes, with the two facts a user must know: admin rights, and whether undo exists. */
export function ChangeList({ changes }: { changes: readonly ChangeView[] }) {
  const styles = useStyles();
  return (
    <ul className={styles.list}>
      {changes.map((change) => (
        <li key={change.id}>
          <Text>{change.description}</Text>
          <span className={styles.tags}>
            {change.needsElevation && (
              <Badge appearance="outline" color="informative" size="small">
                {strings.confirm.adminTag}
              </Badge>
            )}
          </span>
          {!change.reversible && (
            <Text size={200} className={styles.note}>
              {change.irreversibleReason
                ? format(strings.checklist.cannotUndo, { reason: change.irreversibleReason })
                : strings.checklist.cannotUndoNoReason}
            </Text>
          )}
          {change.warning && (
            <Text size={200} className={styles.note}>
              {change.warning}
            </Text>
          )}
        </li>
      ))}
    </ul>
  );
}
