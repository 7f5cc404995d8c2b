import type { MachineDescriptionInput } from '../shared/machine-description.js';
import type { RegistryValue } from '../shared/registry.js';
import { RDP_CLIENT_CHANNEL } from './windows/rdp-client-connections.js';

/*
 * Small machine descriptions for the engine's tests. Kept beside the engine (not under sample-machines/) because
 * they are built in code: each test states the one thing it varies.
 */

export const UDP_KEY = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client';

/**
 * The client's own record of UDP failing: an attempt to server01 started the UDP side channel and closed with
 * 0x904. With it, UDP on is a `problem`; without it, a `suggestion`.
 */
// An hour ago by the real clock: inside the 7-day window of tests on the real clock and of those pinned earlier.
const HOUR_AGO = Date.now() - 3600_000;
const at = (seconds: number) => new Date(HOUR_AGO + seconds * 1000).toISOString();
export const UDP_FAILURE_EVENTS: NonNullable<MachineDescriptionInput['events']> = [
  { channel: RDP_CLIENT_CHANNEL, id: 1024, time: at(0), data: { Value: 'server01' } },
  { channel: RDP_CLIENT_CHANNEL, id: 1102, time: at(2), data: { Value: 'server01' } },
  { channel: RDP_CLIENT_CHANNEL, id: 1026, time: at(9), data: { Value: 2308 } },
];

export function baseMachine(
  registry: MachineDescriptionInput['registry'] = {},
  events: MachineDescriptionInput['events'] = UDP_FAILURE_EVENTS,
): MachineDescriptionInput {
  return {
    events,
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

/** A machine whose UDP policy value is `value` (absent when undefined), with the key present, and UDP evidence. */
export function udpMachine(value: RegistryValue | undefined, extra: Record<string, RegistryValue> = {}) {
  return baseMachine({ [UDP_KEY]: { ...extra, ...(value ? { fClientDisableUDP: value } : {}) } });
}
