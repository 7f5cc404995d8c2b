import { makeStyles, tokens } from '@fluentui/react-components';

/** The layout every view shares: a single column, and a heading row with its action on the right. */
export const usePageSectionStyles = makeStyles({
  root: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: tokens.spacingVerticalM },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
  },
});
