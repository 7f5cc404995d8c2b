import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ChangeView } from '../../../shared/ipc.js';
import { format, strings } from '../strings.js';
import { ChangeChoice } from './ChangeChoice.js';

const useStyles = makeStyles({
  fieldset: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingVerticalXS,
    border: 'none',
    padding: 0,
    margin: 0,
  },
  legend: { padding: 0, fontWeight: tokens.fontWeightSemibold },
  list: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
});

export interface OptionalChangesProps {
  suggestions: readonly ChangeView[];
  irreversible: readonly ChangeView[];
  ticked: ReadonlySet<string>;
  onTick(id: string, ticked: boolean): void;
}

/**
 * What the dialog makes only when ticked: suggestions (nothing found says they are needed) and changes that
 * cannot be undone, each with its risk. Each group is a fieldset named by its legend.
 */
export function OptionalChanges({ suggestions, irreversible, ticked, onTick }: OptionalChangesProps) {
  const styles = useStyles();
  const choice = (change: ChangeView) => ({
    checked: ticked.has(change.id),
    onChange: (on: boolean) => onTick(change.id, on),
  });
  return (
    <>
      {suggestions.length > 0 && (
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>{strings.confirm.suggestionsHeading}</legend>
          <Text>
            {suggestions.length === 1
              ? strings.confirm.suggestionsIntroOne
              : strings.confirm.suggestionsIntro}
          </Text>
          <ul className={styles.list}>
            {suggestions.map((change) => (
              <ChangeChoice key={change.id} change={change} choice={choice(change)} />
            ))}
          </ul>
        </fieldset>
      )}
      {irreversible.length > 0 && (
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>{strings.confirm.irreversibleHeading}</legend>
          <Text>
            {irreversible.length === 1
              ? strings.confirm.irreversibleIntroOne
              : strings.confirm.irreversibleIntro}
          </Text>
          <ul className={styles.list}>
            {irreversible.map((change) => (
              <ChangeChoice
                key={change.id}
                change={change}
                choice={choice(change)}
                note={format(strings.confirm.risk, {
                  reason: change.irreversibleReason ?? strings.checklist.cannotUndoNoReason,
                })}
              />
            ))}
          </ul>
        </fieldset>
      )}
    </>
  );
}
