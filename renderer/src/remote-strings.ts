/*
 * The words of "Check and fix it from here" (issue 26), apart from strings.ts so that file stays one screen
 * of its own features; the same {placeholder} format (strings.ts `format`).
 */
export const remoteStrings = {
  fixFromHere: 'Check and fix it from here',
  title: 'Check and fix {host} from here',
  needs:
    'This needs administrator rights on {host} and PowerShell remoting turned on there (WinRM, or SSH where OpenSSH is set up).',
  wayLegend: 'Connect with',
  winrm: 'WinRM (Windows PowerShell remoting)',
  ssh: 'SSH',
  computer: 'Computer',
  computerHint: 'Its name or address; add :PORT only for a remoting port other than the usual one.',
  account: 'Account on that computer',
  accountHint: 'For example CONTOSO\\admin, or admin.',
  password: 'Password',
  passwordHint:
    'Leave it empty to sign in as you (in a domain). It is used for this connection only, never saved.',
  keyFile: 'SSH key file',
  chooseKey: 'Choose the key file…',
  noKey: 'No key file chosen.',
  keyChosen: 'Key file: {name}',
  cancel: 'Cancel',
  connect: 'Connect and check',
  connecting: 'Connecting to {host}…',
  needAccount: 'Type the account that signs in to that computer.',
  needKey: 'Choose the SSH key file that signs in to that computer.',
  /** The verdict's title for a fault on the computer being worked on (its "this PC"). */
  sideThere: 'The problem is on {computer}',
  checkingTitle: 'Checking {computer} from this PC',
  through:
    'Through PowerShell remoting ({via}): changes are made on {computer}, and its journal is kept on this PC.',
  back: 'Back to this PC',
  announceOpened: 'Connected to {computer}. Checking it now.',
  announceBack: 'Back to this PC.',
} as const;
