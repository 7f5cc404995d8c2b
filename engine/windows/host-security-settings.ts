import type { TlsVersion } from '../../shared/handshake.js';
import {
  type Op,
  type OpResult,
  ReadKeyResultSchema,
  ReadValueResultSchema,
  SystemFactsSchema,
} from '../../shared/ops.js';
import type { RegistryKeyTree } from '../../shared/registry.js';
import { RDP_TCP_LISTENER_KEY, TERMINAL_SERVICES_POLICY_KEY } from './host-mode.js';
import { FIPS_KEY, SCHANNEL_KEY_NAMES, SCHANNEL_PROTOCOLS_KEY } from './tls-client.js';
import { buildNumber, schannelClientDefault } from './tls-defaults.js';

/*
 * The settings of this PC's Remote Desktop listener that decide what it accepts (issue 25, part 4), read in the
 * scan batch and parsed here; pure. Each of SecurityLayer, MinEncryptionLevel and UserAuthentication is set
 * locally under RDP-Tcp and by Group Policy under the Terminal Services policy key (TerminalServer.admx:
 * "Require use of specific security layer", "Set client connection encryption level", "Require user
 * authentication ... by using Network Level Authentication"); the policy value wins when it is set.
 * fAllowSecProtocolNegotiation and PortNumber are local only. The SCHANNEL `TLS 1.x\Server` values say which
 * TLS versions this PC offers as a server; where none is set, Windows' own default for the build applies (the
 * same per-build table as the client side, engine/windows/tls-defaults.ts). FIPS mode (Lsa\FipsAlgorithmPolicy).
 */

const TLS_ORDER: readonly TlsVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
const POLICY_NAMES = ['SecurityLayer', 'MinEncryptionLevel', 'UserAuthentication'] as const;
const LOCAL_NAMES = [...POLICY_NAMES, 'fAllowSecProtocolNegotiation', 'PortNumber'] as const;
type PolicyName = (typeof POLICY_NAMES)[number];
type LocalName = (typeof LOCAL_NAMES)[number];

export function hostSettingsReads(): Op[] {
  return [
    { op: 'system.facts' },
    ...LOCAL_NAMES.map((name): Op => ({ op: 'registry.readValue', path: RDP_TCP_LISTENER_KEY, name })),
    ...POLICY_NAMES.map(
      (name): Op => ({ op: 'registry.readValue', path: TERMINAL_SERVICES_POLICY_KEY, name }),
    ),
    { op: 'registry.readKey', path: SCHANNEL_PROTOCOLS_KEY },
    { op: 'registry.readValue', path: FIPS_KEY, name: 'Enabled' },
  ];
}

/** A DWORD setting: its number and where it came from, or not set, or unreadable (with why). */
export type Setting =
  | { state: 'set'; value: number; from: 'policy' | 'local' }
  | { state: 'not-set' }
  | { state: 'unreadable'; why: string };

export interface HostSettings {
  settings: Record<LocalName, Setting>;
  /** TLS versions this PC offers as a server; undefined when the SCHANNEL key could not be read. */
  serverTls?: { version: TlsVersion; on: boolean; set: boolean }[];
  fips: Setting;
}

function dwordOf(result: OpResult | undefined, from: 'policy' | 'local'): Setting {
  if (!result) return { state: 'unreadable', why: 'no answer' };
  if (!result.ok) return { state: 'unreadable', why: result.error.message };
  const read = ReadValueResultSchema.safeParse(result.value);
  if (!read.success) return { state: 'unreadable', why: 'the answer was not understood' };
  if (!read.data.exists) return { state: 'not-set' };
  const value = read.data.value;
  return value.type === 'REG_DWORD'
    ? { state: 'set', value: value.data, from }
    : { state: 'unreadable', why: `a ${value.type} value where Windows expects a number` };
}

/** The policy value when it is set (or cannot be read: then it may be set), else the local one. */
function effective(local: Setting, policy: Setting): Setting {
  return policy.state === 'not-set' ? local : policy;
}

const find = <T>(record: Record<string, T> | undefined, name: string): T | undefined => {
  const key = Object.keys(record ?? {}).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : record?.[key];
};

function serverVersions(result: OpResult | undefined, build: number): HostSettings['serverTls'] {
  if (!result?.ok) return undefined;
  const key = ReadKeyResultSchema.safeParse(result.value);
  if (!key.success) return undefined;
  const protocols: RegistryKeyTree | undefined = key.data.exists ? key.data.tree : undefined;
  return TLS_ORDER.map((version) => {
    const server = find(find(protocols?.subkeys, SCHANNEL_KEY_NAMES[version])?.subkeys, 'Server');
    const enabled = find(server?.values, 'Enabled');
    const offByDefault = find(server?.values, 'DisabledByDefault');
    let on = schannelClientDefault(version, build);
    if (enabled?.type === 'REG_DWORD') on = enabled.data !== 0;
    if (offByDefault?.type === 'REG_DWORD' && offByDefault.data !== 0) on = false;
    return { version, on, set: enabled !== undefined || offByDefault !== undefined };
  });
}

/** Results of hostSettingsReads, in order. */
export function hostSettingsOf(results: readonly (OpResult | undefined)[]): HostSettings {
  const facts = results[0]?.ok ? SystemFactsSchema.safeParse(results[0].value) : undefined;
  const build = buildNumber(facts?.success ? facts.data.build : undefined);
  const local = (name: LocalName) => dwordOf(results[1 + LOCAL_NAMES.indexOf(name)], 'local');
  const policy = (name: PolicyName) =>
    dwordOf(results[1 + LOCAL_NAMES.length + POLICY_NAMES.indexOf(name)], 'policy');
  const settings = {} as Record<LocalName, Setting>;
  for (const name of LOCAL_NAMES) {
    settings[name] = (POLICY_NAMES as readonly string[]).includes(name)
      ? effective(local(name), policy(name as PolicyName))
      : local(name);
  }
  const after = 1 + LOCAL_NAMES.length + POLICY_NAMES.length;
  const serverTls = serverVersions(results[after], build);
  return { settings, ...(serverTls ? { serverTls } : {}), fips: dwordOf(results[after + 1], 'local') };
}
