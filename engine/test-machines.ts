import type { MachineDescriptionInput } from '../shared/machine-description.js';
import type { RegistryValue } from '../shared/registry.js';

/*
 * Small machine descriptions for the engine's tests. Kept beside the engine (not under machines/) because
 * they are built in code: each test states the one thing it varies.
 */

export const UDP_KEY = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client';

export function baseMachine(registry: MachineDescriptionInput['registry'] = {}): MachineDescriptionInput {
  return {
    schemaVersion: 1,
    os: {
      build: '10.0.22631',
      edition: 'Core',
      elevated: false,
      user: 'alice',
      documentsFolder: 'C:\\Users\\alice\\Documents',
    },
    registry,
  };
}

/** A machine whose UDP policy value is `value` (absent when undefined), with the key present. */
export function udpMachine(value: RegistryValue | undefined, extra: Record<string, RegistryValue> = {}) {
  return baseMachine({ [UDP_KEY]: { ...extra, ...(value ? { fClientDisableUDP: value } : {}) } });
}
