import type { Op } from '../../shared/ops.js';
import type { RegistryValue } from '../../shared/registry.js';
import { schannelClientKey } from './tls-client.js';

/*
 * The four SCHANNEL client values the TLS fix may change (elevatedWrites in shared/machine-allow-list.json):
 * Enabled and DisabledByDefault of TLS 1.2 and TLS 1.3, and Windows' default for each, which is the fix.
 */

export type SchannelValue = { version: 'TLSv1.2' | 'TLSv1.3'; name: 'Enabled' | 'DisabledByDefault' };

export const SCHANNEL_VALUES: readonly SchannelValue[] = [
  { version: 'TLSv1.2', name: 'Enabled' },
  { version: 'TLSv1.2', name: 'DisabledByDefault' },
  { version: 'TLSv1.3', name: 'Enabled' },
  { version: 'TLSv1.3', name: 'DisabledByDefault' },
];

/** Windows' default for the value: the version is used (Enabled 1) and offered by default (DisabledByDefault 0). */
export function schannelDefaultValue(name: SchannelValue['name']): RegistryValue {
  return { type: 'REG_DWORD', data: name === 'Enabled' ? 1 : 0 };
}

/** One setValue per value: to the value given, or to Windows' default when none is. */
export function schannelValueOps(values: readonly (SchannelValue & { value?: RegistryValue })[]): Op[] {
  return values.map((v) => ({
    op: 'registry.setValue',
    path: schannelClientKey(v.version),
    name: v.name,
    value: v.value ?? schannelDefaultValue(v.name),
  }));
}
