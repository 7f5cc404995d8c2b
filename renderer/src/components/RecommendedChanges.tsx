import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ChangeView } from '../../../shared/ipc.js';
import { strings } from '../strings.js';
import { ChangeChoice } from './ChangeChoice.js';

const useStyles = makeStyles({
  root: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: tokens.spacingVerticalXS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300 },
  list: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
});

/** The consent dialog's first part: the changes it makes as it opens, all of which can be undone. */
export function RecommendedChanges({ changes }: { changes: readonly ChangeView[] }) {
  const styles = useStyles();
  return (
    <section className={styles.root} aria-labelledby="confirm-recommended">
      <h3 id="confirm-recommended" className={styles.heading}>
        {strings.confirm.recommendedHeading}
      </h3>
      <Text>
        {changes.length === 1 ? strings.confirm.recommendedIntroOne : strings.confirm.recommendedIntro}
      </Text>
      <ul className={styles.list}>
        {changes.map((change) => (
          <ChangeChoice key={change.id} change={change} />
        ))}
      </ul>
    </section>
  );
}
