import type { PlannedChange } from '../shared/findings.js';
import type { Op, OpError } from '../shared/ops.js';

/** The first sentence of a change's description, to name it inside another sentence. */
export function shortDescription(change: PlannedChange): string {
  const first = change.description.split(/(?<=[.:])\s/)[0] ?? change.description;
  return first.replace(/[.:]$/, '');
}

/** Changes named for a sentence: "Remove …", "Delete …". */
export function changeNames(changes: readonly PlannedChange[]): string {
  return changes.map((change) => `"${shortDescription(change)}"`).join(', ');
}

/** What the user can do about changes that cannot be undone and may have stopped part-way: sentences, or ''. */
export function interruptedAdvice(changes: readonly PlannedChange[]): string {
  const advice = changes.flatMap((change) => (change.ifInterrupted ? [change.ifInterrupted] : []));
  return advice.length > 0 ? ` ${advice.join(' ')}` : '';
}

/** A file system error in words: a full disk said plainly, anything else as the system put it. */
export function fileErrorText(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOSPC' ? 'the disk is full' : error.message.replace(/\.$/, '');
}

/** "1 change", "3 changes": how messages count changes. */
export function changeCount(n: number): string {
  return n === 1 ? '1 change' : `${n} changes`;
}

const DEFENDER_LOG = 'Microsoft-Windows-Windows Defender/Operational';

// Controlled folder access trusts no script engine, PowerShell included (Microsoft: "The only way to allow script
// engines to modify protected folders is by adding them as an allowed app"), and Documents is protected by
// default: with it on, every change RDP Repair makes there is refused, as "access denied".
const CONTROLLED_FOLDER_ACCESS =
  ' If Controlled folder access is on (Windows Security > Virus & threat protection > Ransomware protection), it ' +
  'stops PowerShell, which RDP Repair changes files with, from changing files in Documents: Windows Security then ' +
  `says "Unauthorized changes blocked" and records event 1123 in ${DEFENDER_LOG}. To let this change through, ` +
  'choose "Allow an app through Controlled folder access" there and add ' +
  '%SystemRoot%\\System32\\WindowsPowerShell\\v1.0\\powershell.exe, then remove it again when the fix is done (while ' +
  'it is allowed, every PowerShell script may change your protected folders); or leave this change out.';

// PowerShell's words when AMSI (the antimalware scan interface) refuses a script, and the error id, which is the
// same in every language.
const AMSI_REFUSAL = /ScriptContainedMaliciousContent|has been blocked by your antivirus software/i;
const SCRIPT_BLOCKED =
  " Security software on this PC blocked RDP Repair's PowerShell script. With Microsoft Defender it is listed " +
  `under Windows Security > Protection history, and recorded in ${DEFENDER_LOG} as event 1121 when an attack ` +
  'surface reduction rule such as "Block execution of potentially obfuscated scripts" blocked it, or as event ' +
  '1116 when it was taken for malware; only an administrator of this PC (or of its organisation) can allow it, ' +
  'with an exclusion for that rule or in that product.';

const DOCUMENTS_CHANGES: ReadonlySet<string> = new Set(['file.write', 'file.delete', 'file.setAttributes']);

/**
 * When Windows' own protection is the likely reason `op` failed with `error`: sentences (after a space) naming
 * the block, where Windows records it and what the user or an administrator can do; '' otherwise.
 */
export function protectionBlockAdvice(op: Op | undefined, error: OpError): string {
  if (AMSI_REFUSAL.test(error.message)) return SCRIPT_BLOCKED;
  const inDocuments = op !== undefined && 'folder' in op && op.folder === 'documents';
  if (inDocuments && DOCUMENTS_CHANGES.has(op.op) && error.code === 'access-denied')
    return CONTROLLED_FOLDER_ACCESS;
  return '';
}
