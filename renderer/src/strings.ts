import type { RepairId } from '../../shared/findings.js';
import type { ScanStepId, ScanStepState } from '../../shared/scan-progress.js';
import type { VerdictSide } from '../../shared/verdict.js';
import type { SummaryKind } from './components/card-order.js';
import type { CardStatus } from './components/card-status.js';

/*
 * Every string the user sees, in one place so the UI can be translated. Sentences with data use named
 * placeholders ({host}, {count}) filled by `format`, never concatenation, so a translation can reorder them.
 */
export const strings = {
  appTitle: 'RDP Repair',
  nav: {
    label: 'Sections',
    check: 'Check and fix',
    history: 'History',
    help: 'Get help',
  },
  simulatedBanner: {
    title: 'Simulated computer',
    body: 'This is a demonstration on a simulated Windows computer ({label}). Nothing on this computer is changed.',
  },
  start: {
    headline: 'Fix Remote Desktop error 0x904',
    intro:
      'Remote Desktop Connection showed "error code 0x904, extended error code 0x7"? Type the computer you are trying to reach, then check this PC for the usual causes.',
    hostLabel: 'Computer you cannot connect to',
    hostHint: 'A name such as server01 or pc.contoso.com, an IP address, or name:port.',
    // A reserved name (RFC 2606): a placeholder must never look like a computer one could really check.
    hostPlaceholder: 'desk-pc.example.com',
    scan: 'Check this PC',
    scanning: 'Checking…',
    rescan: 'Check again',
    lastChecked: 'Last checked: {host}, {when}',
    lastFixed: 'Last checked: {host}, fixed {when}',
    thisPc: "People can't connect to this PC",
    thisPcHint: 'Check this PC as the computer others connect to with Remote Desktop.',
  },
  status: {
    ok: 'OK',
    problem: 'Problem',
    warning: 'Warning',
    suggestion: 'Worth trying',
    manual: 'Do this yourself',
    'not-applicable': 'Not needed',
    unknown: "Couldn't check",
    earlier: 'Earlier',
  } satisfies Record<CardStatus, string>,
  verdict: {
    sides: {
      'this-pc': 'The problem is on this PC',
      network: 'The problem is on the way to the remote computer',
      'remote-pc': 'The problem is on the remote computer',
      none: 'No problems found',
      unknown: 'Could not tell which side failed',
    },
    remoteFixHeading: 'Fix it on the remote computer',
    remoteFixPowerShell: "PowerShell for the remote computer's administrator",
    copyPowerShell: 'Copy the PowerShell',
  },
  handoff: {
    send: 'Send to the administrator',
    title: 'Send to the administrator of {host}',
    intro:
      'Whoever looks after {host} needs this page: which side failed, what the check saw, what to do on that computer (with the PowerShell for it) and what this PC already tried. It names the computer, so send it to your own IT, not to a public forum.',
    pageLabel: 'The page for the administrator',
    loading: 'Preparing the page…',
    copy: 'Copy the page',
    copied: 'Copied',
    save: 'Save as a file',
    mail: 'Open in mail',
    mailPaste:
      'The page is longer than a mail link can carry: "Open in mail" copies it too, paste it into the mail.',
    close: 'Close',
  },
  checklist: {
    heading: 'What we found for {host}',
    headingThisPc: 'What we found for this PC, as the computer others connect to',
    summary: {
      problemsOne: 'RDP Repair can make 1 change to fix what it found. Make it from its card below.',
      problems:
        'RDP Repair can make {count} changes to fix what it found. Make them card by card, or all at once.',
      consent:
        'What is left can be fixed only with your consent, because it cannot be undone: use Fix on its card to read what it would do.',
      allPassed: 'No problems found on this PC. If the error remains, use "Get help".',
      manual:
        'RDP Repair has nothing to change on this PC for this. Follow the steps marked "Do this yourself".',
      suggestionsOnly:
        'No problems found on this PC. What is marked "Worth trying" may still help; nothing we saw says it is needed.',
      nothingToFix:
        'RDP Repair has nothing to change on this PC for this. If the error remains, use "Get help".',
    } satisfies Record<SummaryKind, string>,
    announceChecking: 'Checking this PC and {host}…',
    announceCheckingThisPc: 'Checking this PC as the computer others connect to…',
    announceCancelled: 'Check cancelled.',
    /** The result as a screen reader hears it: the side first, then what the cards say, counted as shown. */
    announce: {
      sides: {
        'this-pc': 'Problem on this PC',
        network: 'Problem on the way to the remote computer',
        'remote-pc': 'Problem on the remote computer',
        none: 'No problems found',
        unknown: 'Could not tell which side failed',
      } satisfies Record<VerdictSide, string>,
      none: '{side}.',
      some: '{side}: {parts}.',
      problemOne: '1 problem',
      problemMany: '{count} problems',
      warningOne: '1 warning',
      warningMany: '{count} warnings',
      manualOne: '1 step for you',
      manualMany: '{count} steps for you',
      suggestionOne: '1 suggestion',
      suggestionMany: '{count} suggestions',
      unknownOne: "1 check that couldn't run",
      unknownMany: "{count} checks that couldn't run",
      incomingOne: 'Also 1 finding for people who connect to this PC.',
      incomingMany: 'Also {count} findings for people who connect to this PC.',
    },
    /** A card titled as what was checked: a passed check is not a command ("VPN connections — OK"). */
    checked: {
      'udp-transport': 'UDP for Remote Desktop on this PC',
      certificates: 'Remote Desktop certificates',
      'saved-host-entry': 'Saved Remote Desktop settings for the remote computer',
      'saved-credentials': 'Saved password for the remote computer',
      vpn: 'VPN connections',
      'security-software': 'Antivirus and firewall',
      connectivity: 'Reaching the remote computer',
      'event-logs': 'Recent Remote Desktop events',
      'rdp-handshake': "The remote computer's answer to Remote Desktop",
      'host-services': 'The services Remote Desktop needs to accept connections',
      'host-port': 'Who listens on the Remote Desktop port',
      'host-settings': 'Remote Desktop listener settings',
    } satisfies Record<RepairId, string>,
    passedOne: '1 check passed',
    passedMany: '{count} checks passed',
    incomingToggle: 'For people who connect to this PC ({count})',
    incomingIntro:
      'This PC also accepts Remote Desktop connections. What is below does not affect the connection you checked; Fix all leaves it out unless you tick it.',
    applyAll: 'Fix all ({count})',
    details: 'Details',
    evidence: 'What we saw',
    noEvidence: 'Nothing to show.',
    whatWillChange: 'What will change',
    powershell: 'Equivalent PowerShell (for reference)',
    copy: 'Copy',
    copied: 'Copied',
    fix: 'Fix',
    undo: 'Undo',
    /** Card buttons are named with their card: a list of buttons all called "Fix" says nothing. */
    fixCard: 'Fix: {title}',
    undoCard: 'Undo: {title}',
    detailsCard: 'Details: {title}',
    checkAgainCard: 'Check again: {title}',
    instructions: 'Steps',
    iDidThis: 'I did this',
    doneCheckAgain: 'Done. Check again to see whether it helped.',
    checkAgain: 'Check again',
    openVpnSettings: 'Open VPN settings',
    openWindowsSecurity: 'Open Windows Security',
    needsAdmin: 'Needs administrator permission',
    cannotUndo: 'Cannot be undone: {reason}',
    cannotUndoNoReason: 'Cannot be undone',
    fixed: 'Fixed',
    undone: 'Undone',
    partlyUndone: 'Partly undone — still in place: {stayed}',
    partlyFixed: 'Partly fixed. Not made: {left}',
    partlyFixedStill: 'Partly fixed: the check still finds this.',
    rolledBack: 'Rolled back',
    failed: 'Not changed',
    skipped: 'Left out',
    waiting: 'Waiting',
    running: 'Changing…',
  },
  confirm: {
    title: 'Make these changes?',
    titleOne: 'Fix this?',
    adminNote: 'Some changes need administrator permission. Windows will ask once.',
    adminNoteOne: 'This change needs administrator permission. Windows will ask once.',
    adminTag: 'Admin',
    /** What helps comes first, in plain words; the registry paths and PowerShell wait behind "Details". */
    recommendedHeading: 'Recommended',
    recommendedIntro: 'These fix what RDP Repair found. You can undo each of them later.',
    recommendedIntroOne: 'This fixes what RDP Repair found. You can undo it later.',
    moreChoices: 'More choices ({count})',
    suggestionsHeading: 'Worth trying',
    suggestionsIntro: 'Nothing we found says these are needed for this connection. Tick the ones you want.',
    suggestionsIntroOne: 'Nothing we found says this is needed for this connection. Tick it if you want it.',
    irreversibleHeading: 'Cannot be undone',
    irreversibleIntro: 'Made only if you tick them. Read what each one risks first.',
    irreversibleIntroOne: 'Made only if you tick it. Read what it risks first.',
    risk: 'Risk: {reason}',
    details: 'Details',
    detailsOf: 'Details: {name}',
    restorePoint: 'Create a Windows restore point first (takes a minute)',
    /** The button names the outcome, counted from what is ticked now. */
    applyOne: 'Make 1 change',
    applyMany: 'Make {count} changes',
    /** While nothing is ticked the button is disabled, and says no number: "Make 0 changes" helps nobody. */
    applyNone: 'Make changes',
    nothingTicked: 'Nothing is ticked, so nothing would change. Tick a change above to make it.',
    cancel: 'Cancel',
  },
  scanProgress: {
    label: 'Checking {host}',
    steps: {
      'start-powershell': 'Starting PowerShell',
      'read-this-pc': 'Reading Remote Desktop settings on this PC',
      'talk-to-remote': 'Talking to {host}',
    } satisfies Record<ScanStepId, string>,
    // Read by screen readers after each step's name; the icon says the same to the eye.
    cancel: 'Cancel the check',
    // Shown once the remote computer is all the check waits for: the handshake has one deadline of 5 s.
    endsSoon: '{host} has up to 5 seconds to answer, so the check ends within 5 seconds.',
    states: { waiting: 'waiting', running: 'in progress', done: 'done' } satisfies Record<
      ScanStepState,
      string
    >,
  },
  progress: {
    label: 'Progress',
    overall: 'Change {completed} of {total}. {phase}',
    phase: {
      journal: 'Getting ready…',
      'restore-point': 'Creating a restore point…',
      'user-changes': 'Changing your settings…',
      'machine-changes': 'Changing computer settings…',
      rollback: 'Putting things back as they were…',
      verify: 'Checking that it worked…',
      finished: 'Finished.',
    },
    cancel: 'Cancel',
    cancelling: 'Stopping after the current change…',
    /** Said once when an apply starts; its end is the outcome's own sentence. */
    announceStart: 'Making the changes…',
  },
  /** After an apply that made changes: what it made, what the check still finds, what was left out. */
  applied: {
    madeOne: '1 change made.',
    madeMany: '{count} changes made.',
    leftOne: '1 problem is still there after the check: {names}.',
    leftMany: '{count} problems are still there after the check: {names}.',
    skippedOne: 'Left out: 1 change you did not tick.',
    skippedMany: 'Left out: {count} changes you did not tick.',
  },
  result: {
    heading: 'Next steps',
    restartMstsc: 'Close Remote Desktop Connection completely and open it again so it uses the new settings.',
    didItConnect: 'Did it connect?',
    connected: 'Yes, it connected',
    notConnected: 'No, it did not',
    answeredConnected: 'Good. Your answer is in the report (Get help), if you want to tell anyone.',
    nextHeading: 'What to try next',
    nextText:
      'Check again: the check talks to the remote computer again, now that the change is made. If it still does not connect, get help: your answer is in the report, with what was found.',
    nextTextHandoff:
      'Check again: the check talks to the remote computer again. If it still does not connect, the fix is not on this PC: send the page to whoever looks after the remote computer. It says what was found there and what this PC already tried, your answer too.',
    checkAgain: 'Check again',
    getHelp: 'Get help',
    testConnection: 'Test connection',
    testLaunched: 'Remote Desktop Connection is opening.',
    testNotLaunched: 'Remote Desktop Connection could not be opened here.',
    undoRun: 'Undo all from this run',
    restorePointCreated: 'Restore point: {message}',
  },
  undo: {
    done: 'Undone. Your settings are back as they were.',
  },
  history: {
    heading: 'History',
    intro: 'Every change RDP Repair made, newest first. You can undo a run that has not been undone yet.',
    empty: 'No changes have been made yet.',
    loading: 'Loading history…',
    refresh: 'Refresh',
    runTitle: '{host} — {time}',
    undoRun: 'Undo this run',
    connectionTest: {
      connected: 'Afterwards you said: it connected.',
      'not-connected': 'Afterwards you said: it still did not connect.',
    },
    state: {
      'in-progress': 'Unfinished',
      done: 'Applied',
      'rolled-back': 'Rolled back',
      undone: 'Undone',
      'partially-undone': 'Partly undone',
      failed: 'Failed',
    },
    changeUndone: '(undone)',
    changeIrreversible: '(cannot be undone)',
    confirmTitle: 'Undo this run?',
    confirmIntro: 'These are put back as they were before the run:',
    confirmAdmin: 'Those marked Admin need administrator permission: Windows will ask once.',
    /** For runs recorded before a change said what undoing it does. */
    undoFallback: 'Undo: {what}',
    confirmUndoOne: 'Undo 1 change',
    confirmUndoMany: 'Undo {count} changes',
  },
  help: {
    heading: 'Get help',
    intro:
      'Still stuck? Copy this report into a forum post or send it to your IT support. It lists what RDP Repair found.',
    needHost: 'Type the computer you cannot connect to on the "Check and fix" page first.',
    goToCheck: 'Go to Check and fix',
    redact: 'Hide names and addresses',
    reportLabel: 'Report (Markdown)',
    meaningHeading: 'What the error means',
    meaning0x904:
      '0x904: the network connection was closed while Remote Desktop was still connecting, before you could sign in.',
    meaning0x7:
      '0x7 (the extended code): it was the remote computer that refused or dropped it. So the cause is most often on the remote computer (its certificate, its Remote Desktop settings) or on the way to it (a VPN, a firewall), less often on this PC.',
    askHeading: 'Where to ask',
    askWork:
      'A work or school computer: send the report to your IT support. They can check the remote computer, which RDP Repair cannot.',
    askHome:
      'Your own computers: post the report on Microsoft Q&A, where people answer Remote Desktop questions.',
    askLink: 'Open Microsoft Q&A',
    reportHeading: 'The report',
    showText: 'Show text',
    hideText: 'Hide text',
    loading: 'Preparing the report…',
    copy: 'Copy report',
    copied: 'Report copied',
    save: 'Save report',
    fileName: 'rdp-repair-report.md',
    toolsHeading: 'Look further in Windows',
    toolsIntro:
      "Event Viewer has Remote Desktop's own messages, Credential Manager the saved passwords, and the log folder a record of what RDP Repair did.",
    eventViewer: 'Open Event Viewer',
    credentialManager: 'Open Credential Manager',
    logFolder: 'Open log folder',
  },
  recovery: {
    title: 'RDP Repair was interrupted',
    body: 'The last time RDP Repair ran, it stopped in the middle of making changes for {host} ({time}). Put everything back as it was before that run?',
    changes: 'Changes in that run:',
    rollback: 'Put things back',
    keep: 'Not now',
    rolledBack: 'The interrupted changes were put back.',
  },
  errors: {
    noBridge: 'RDP Repair could not start its engine. Close the app and open it again.',
  },
} as const;

/** "1 problem" or "3 problems": the one or many form, filled with the count; null for none. */
export function plural(count: number, one: string, many: string): string | null {
  if (count === 0) return null;
  return count === 1 ? one : format(many, { count });
}

/** "A", "A and B", "A, B, and C": names as a sentence says them. */
export function listInWords(names: readonly string[]): string {
  return new Intl.ListFormat('en', { style: 'long', type: 'conjunction' }).format(names);
}

/** Fills `{name}` placeholders. Unknown placeholders stay visible, so a missing value is noticed, not hidden. */
export function format(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}
