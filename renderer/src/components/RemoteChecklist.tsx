import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { ArrowLeftRegular } from '@fluentui/react-icons';
import type { ScanReport } from '../../../shared/ipc.js';
import { visibleText } from '../../../shared/visible-text.js';
import { remoteStrings } from '../remote-strings.js';
import { useChecklist, useRemote } from '../stores/stores.js';
import { format } from '../strings.js';
import { RemoteFixDialog } from './RemoteFixDialog.js';
import { VerdictPanel } from './VerdictPanel.js';

/*
 * The checklist's part of "Check and fix it from here" (issue 26): the title that names the computer being
 * worked on, the line that says how and where its journal is, the way back to this PC, the dialog, and the
 * button under "Fix it on the remote computer" that opens it.
 */

const useStyles = makeStyles({
  line: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: tokens.spacingHorizontalS,
    border: `1px solid ${tokens.colorBrandStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
});

/** "Checking SERVER01 from this PC" while the checklist is that computer's; undefined for this PC. */
export function useRemoteTitle(): string | undefined {
  const opened = useRemote((s) => s.opened);
  return opened
    ? format(remoteStrings.checkingTitle, { computer: visibleText(opened.computer, 200) })
    : undefined;
}

/**
 * The verdict, with what remoting adds: on this PC's remote-side verdict the button under "Fix it on the remote
 * computer"; while on that computer, the line that says so, the way back, and its faults named for it.
 */
export function ChecklistVerdict({
  scan,
  onHandoff,
}: {
  scan: ScanReport;
  onHandoff: (() => void) | undefined;
}) {
  const opened = useRemote((s) => s.opened);
  const show = useRemote((s) => s.show);
  const host = scan.host;
  const remote = opened
    ? { remoteComputer: visibleText(opened.computer, 200) }
    : scan.verdict.side === 'remote-pc'
      ? { onFixFromHere: () => show(host) }
      : {};
  return (
    <>
      <RemoteParts />
      <VerdictPanel verdict={scan.verdict} {...(onHandoff ? { onHandoff } : {})} {...remote} />
    </>
  );
}

/** How the computer is reached, and the way back; with the dialog, which is mounted on either side. */
function RemoteParts() {
  const styles = useStyles();
  const opened = useRemote((s) => s.opened);
  const back = useRemote((s) => s.back);
  const busy = useChecklist((s) => s.activity !== 'idle');
  return (
    <>
      {opened && (
        <div className={styles.line} data-testid="remote-line">
          <Text>
            {format(remoteStrings.through, {
              via: opened.via === 'ssh' ? 'SSH' : 'WinRM',
              computer: visibleText(opened.computer, 200),
            })}
          </Text>
          <Button icon={<ArrowLeftRegular />} disabledFocusable={busy} onClick={() => !busy && void back()}>
            {remoteStrings.back}
          </Button>
        </div>
      )}
      <RemoteFixDialog />
    </>
  );
}
