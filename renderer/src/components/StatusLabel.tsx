import { makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import {
  CheckmarkCircleFilled,
  ErrorCircleFilled,
  HistoryRegular,
  LightbulbRegular,
  PersonWrenchRegular,
  QuestionCircleRegular,
  SubtractCircleRegular,
  WarningFilled,
} from '@fluentui/react-icons';
import { strings } from '../strings.js';
import type { CardStatus } from './card-status.js';

const useStyles = makeStyles({
  root: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, flexShrink: 0 },
  icon: { fontSize: '20px' },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  problem: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  neutral: { color: tokens.colorNeutralForeground2 },
});

const ICONS = {
  ok: CheckmarkCircleFilled,
  problem: ErrorCircleFilled,
  warning: WarningFilled,
  suggestion: LightbulbRegular,
  manual: PersonWrenchRegular,
  'not-applicable': SubtractCircleRegular,
  unknown: QuestionCircleRegular,
  earlier: HistoryRegular,
} as const satisfies Record<CardStatus, unknown>;

/** Icon plus word: the word carries the meaning, so colour is never the only signal. */
export function StatusLabel({ status }: { status: CardStatus }) {
  const styles = useStyles();
  const Icon = ICONS[status];
  const tone =
    status === 'ok'
      ? styles.ok
      : status === 'problem'
        ? styles.problem
        : status === 'warning'
          ? styles.warning
          : styles.neutral;
  return (
    <span className={styles.root} data-status={status}>
      <Icon aria-hidden className={mergeClasses(styles.icon, tone)} />
      <Text weight="semibold">{strings.status[status]}</Text>
    </span>
  );
}
