import type { MACHINE_ALLOW_LIST, Refusal } from './machine-allow-list.js';
import type { RegistryValue } from './registry.js';

/*
 * The values the elevated batch may change (elevatedWrites.registryValues in machine-allow-list.json) are
 * guarded by a record of what each was before RDP Repair last changed it, kept by the elevated side under
 * valuesBeforeKey (HKLM\SOFTWARE inherits an ACL that lets only administrators and SYSTEM write). From the
 * elevated batch such a value may go only to its fixValue (the value it had is recorded first), back to exactly
 * the recorded value (the record then goes), or to what it already is. So a journal rewritten by a user-level
 * process can still ask for the fix or the true undo, and nothing else. The PowerShell interpreter applies the
 * same rule (machine/powershell/interpreter/ValuesBefore.ps1); the contract table keeps the two equal.
 */

type GuardedEntry = (typeof MACHINE_ALLOW_LIST.elevatedWrites.registryValues)[number];

/** A value, or null for "no such value", as one text: what the record holds and what is compared. */
export function valueStateText(value: RegistryValue | null): string {
  if (value === null) return JSON.stringify({ exists: false });
  const { type, data } = value;
  const shape = value.type === 'REG_OTHER' ? { type, valueType: value.valueType, data } : { type, data };
  return JSON.stringify({ exists: true, value: shape });
}

/** The name of the entry's record under valuesBeforeKey: its key path and value name as the allow-list spells them. */
export function valueBeforeName(entry: GuardedEntry): string {
  return `${entry.path}\\${entry.name}`;
}

export type GuardedChange =
  | { action: 'none' }
  /** The fix: record `text` (the value before) under `recordName`, then make the change. */
  | { action: 'record'; recordName: string; text: string }
  /** The undo: make the change, then drop the record. */
  | { action: 'forget'; recordName: string }
  | { action: 'refuse'; refusal: Refusal };

const PUT_BACK_REFUSAL: Refusal = {
  code: 'invalid-argument',
  message: 'A machine-wide value goes back only to what it was before RDP Repair changed it.',
};

export function guardedValueChange(
  entry: GuardedEntry,
  current: RegistryValue | null,
  wanted: RegistryValue | null,
  recorded: string | undefined,
): GuardedChange {
  const wantedText = valueStateText(wanted);
  const currentText = valueStateText(current);
  if (wantedText === currentText) return { action: 'none' };
  const recordName = valueBeforeName(entry);
  if (wanted !== null && wantedText === valueStateText(entry.fixValue))
    return { action: 'record', recordName, text: currentText };
  if (recorded !== undefined && wantedText === recorded) return { action: 'forget', recordName };
  return { action: 'refuse', refusal: PUT_BACK_REFUSAL };
}

/*
 * A service's state (service.setState) is guarded the same way, under the same key: from the elevated batch a
 * service of elevatedWrites.serviceStates only goes toward working (running, with the start type Windows ships
 * with, or the one it has when that is not Disabled; what it was is recorded first), back to exactly the
 * recorded state (the record then goes), or nowhere (already so). A rewritten journal cannot stop or disable
 * a service RDP Repair did not start. The interpreter's Enter-GuardedServiceChange (ValuesBefore.ps1) is the
 * same rule.
 */

type ServiceEntry = (typeof MACHINE_ALLOW_LIST.elevatedWrites.serviceStates)[number];

export interface ServiceState {
  startType: string;
  running: boolean;
}

/** A service's state as one text, in this key order: what the record holds and what is compared. */
export function serviceStateText(state: ServiceState): string {
  return JSON.stringify({ startType: state.startType, running: state.running });
}

/** The name of a service's record under valuesBeforeKey. */
export function serviceBeforeName(name: string): string {
  return `service:${name}`;
}

const SERVICE_PUT_BACK_REFUSAL: Refusal = {
  code: 'invalid-argument',
  message: 'A service goes back only to the state it had before RDP Repair changed it.',
};

export function guardedServiceChange(
  entry: ServiceEntry,
  current: ServiceState | undefined,
  wanted: ServiceState,
  recorded: string | undefined,
): GuardedChange {
  // A start type Windows would not tell cannot be recorded, so nothing is changed on it.
  if (current === undefined) return { action: 'refuse', refusal: SERVICE_PUT_BACK_REFUSAL };
  const wantedText = serviceStateText(wanted);
  if (wantedText === serviceStateText(current)) return { action: 'none' };
  const recordName = serviceBeforeName(entry.name);
  const towardWorking =
    wanted.running &&
    wanted.startType !== 'Disabled' &&
    (wanted.startType === entry.fixStartType || wanted.startType === current.startType);
  if (towardWorking) return { action: 'record', recordName, text: serviceStateText(current) };
  if (recorded !== undefined && wantedText === recorded) return { action: 'forget', recordName };
  return { action: 'refuse', refusal: SERVICE_PUT_BACK_REFUSAL };
}
