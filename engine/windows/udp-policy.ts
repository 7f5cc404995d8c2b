import { type Op, type OpResult, ReadValueResultSchema } from '../../shared/ops.js';
import type { RegistryValue } from '../../shared/registry.js';

/*
 * The "Turn off UDP on client" policy value (engine/repairs/udp-transport.ts is its repair). Here alone so that
 * another card whose advice depends on it (the VPN card: "the VPN may drop UDP") reads it the same way without
 * importing that repair.
 */

export const TERMINAL_SERVICES_KEY = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services';
export const UDP_POLICY_KEY = `${TERMINAL_SERVICES_KEY}\\Client`;
export const UDP_POLICY_VALUE = 'fClientDisableUDP';

export const UDP_POLICY_READ = {
  op: 'registry.readValue',
  path: UDP_POLICY_KEY,
  name: UDP_POLICY_VALUE,
} as const satisfies Op;

export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

/** The policy value as read; undefined when it is absent. */
export function readPolicyValue(result: OpResult | undefined): Read<RegistryValue | undefined> {
  if (!result) return { ok: false, message: 'no result was returned' };
  if (!result.ok) return { ok: false, message: result.error.message };
  const parsed = ReadValueResultSchema.safeParse(result.value);
  if (!parsed.success) return { ok: false, message: 'the result was not in the expected shape' };
  return { ok: true, value: parsed.data.exists ? parsed.data.value : undefined };
}

/** Windows honours the policy only as the DWORD 1. */
export function isDisabled(value: RegistryValue | undefined): boolean {
  return value?.type === 'REG_DWORD' && value.data === 1;
}

/** Whether Remote Desktop on this PC already uses TCP only; `unknown` when the value could not be read. */
export function udpTurnedOff(result: OpResult | undefined): boolean | 'unknown' {
  const value = readPolicyValue(result);
  return value.ok ? isDisabled(value.value) : 'unknown';
}
