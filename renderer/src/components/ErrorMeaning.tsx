import { Link, makeStyles, Text, tokens } from '@fluentui/react-components';
import { strings } from '../strings.js';

/** Get help, first: what 0x904 and 0x7 mean in plain words, and who can help with the remote side. */

const Q_AND_A = 'https://learn.microsoft.com/en-us/answers/';

const useStyles = makeStyles({
  root: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: tokens.spacingVerticalS },
  subheading: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

export function ErrorMeaning() {
  const styles = useStyles();
  return (
    <>
      <section className={styles.root} aria-labelledby="error-meaning-heading">
        <h2 id="error-meaning-heading" className={styles.subheading}>
          {strings.help.meaningHeading}
        </h2>
        <ul className={styles.list}>
          <li>{strings.help.meaning0x904}</li>
          <li>{strings.help.meaning0x7}</li>
        </ul>
      </section>
      <section className={styles.root} aria-labelledby="where-to-ask-heading">
        <h2 id="where-to-ask-heading" className={styles.subheading}>
          {strings.help.askHeading}
        </h2>
        <Text>{strings.help.askWork}</Text>
        <Text>
          {strings.help.askHome}{' '}
          <Link href={Q_AND_A} target="_blank" rel="noreferrer">
            {strings.help.askLink}
          </Link>
        </Text>
      </section>
    </>
  );
}
