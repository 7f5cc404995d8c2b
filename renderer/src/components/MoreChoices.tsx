import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { ChevronDownRegular, ChevronRightRegular } from '@fluentui/react-icons';
import { useId, useState } from 'react';
import { format, strings } from '../strings.js';
import { OptionalChanges, type OptionalChangesProps } from './OptionalChanges.js';

const useStyles = makeStyles({
  heading: { margin: 0, fontSize: tokens.fontSizeBase300 },
  toggle: { paddingLeft: 0 },
  panel: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: tokens.spacingVerticalM },
});

/**
 * What is optional or cannot be undone, after what helps: folded behind "More choices (N)" while there is
 * something recommended above it, open when it is all there is.
 */
export function MoreChoices(props: OptionalChangesProps & { folded: boolean }) {
  const styles = useStyles();
  const count = props.suggestions.length + props.irreversible.length;
  const [open, setOpen] = useState(!props.folded);
  const panelId = useId();
  if (count === 0) return null;
  if (!props.folded) return <OptionalChanges {...props} />;
  return (
    <>
      <h3 className={styles.heading}>
        <Button
          className={styles.toggle}
          appearance="subtle"
          icon={open ? <ChevronDownRegular /> : <ChevronRightRegular />}
          aria-expanded={open}
          aria-controls={open ? panelId : undefined}
          onClick={() => setOpen(!open)}
        >
          {format(strings.confirm.moreChoices, { count })}
        </Button>
      </h3>
      {open && (
        <div id={panelId} className={styles.panel}>
          <OptionalChanges {...props} />
        </div>
      )}
    </>
  );
}
