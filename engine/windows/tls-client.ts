import { TLS_VERSIONS, type TlsVersion } from '../../shared/handshake.js';
import {
  type Op,
  type OpResult,
  ReadKeyResultSchema,
  ReadValueResultSchema,
  SystemFactsSchema,
} from '../../shared/ops.js';
import type { RegistryKeyTree, RegistryValue } from '../../shared/registry.js';
import { buildNumber, schannelClientDefault } from './tls-defaults.js';

/*
 * This PC's side of a Remote Desktop connection's security: which TLS versions its Schannel client uses, FIPS
 * mode, the cipher-suite policy, the CredSSP client policy and whether it requires the server to prove who it
 * is. Read in the scan batch, parsed here; pure. Remote Desktop Connection asks Schannel for its default
 * versions, so a version with DisabledByDefault=1 is as off for it as one with Enabled=0.
 */

export const SCHANNEL_PROTOCOLS_KEY =
  'HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols';
export const FIPS_KEY = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\FipsAlgorithmPolicy';
export const CIPHER_POLICY_KEY =
  'HKLM\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002';
export const CREDSSP_POLICY_KEY =
  'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters';
/** "Configure server authentication for client": 1 = do not connect if the server cannot be authenticated. */
export const AUTHENTICATION_LEVEL_KEY = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services';

export const SCHANNEL_KEY_NAMES: Record<TlsVersion, string> = {
  TLSv1: 'TLS 1.0',
  'TLSv1.1': 'TLS 1.1',
  'TLSv1.2': 'TLS 1.2',
  'TLSv1.3': 'TLS 1.3',
};

export function schannelClientKey(version: TlsVersion): string {
  return `${SCHANNEL_PROTOCOLS_KEY}\\${SCHANNEL_KEY_NAMES[version]}\\Client`;
}

export interface ClientVersion {
  version: TlsVersion;
  on: boolean;
  /** Windows' own default on this build. */
  windowsDefault: boolean;
  enabled?: RegistryValue;
  disabledByDefault?: RegistryValue;
}

export interface ClientSecurity {
  build: number;
  versions: ClientVersion[];
  fips: boolean;
  /** The cipher-suite order policy, when one is set (its suites, comma-separated). */
  cipherPolicy?: string;
  /** AllowEncryptionOracle: 0 Force updated clients, 1 Mitigated, 2 Vulnerable; undefined when not set. */
  encryptionOracle?: number;
  /** The policy makes Remote Desktop refuse a server it cannot authenticate (which Standard RDP Security cannot). */
  requiresServerAuthentication: boolean;
}

/** The reads, in the order `clientSecurityOf` takes their results. */
export function clientSecurityReads(): Op[] {
  return [
    { op: 'system.facts' },
    { op: 'registry.readKey', path: SCHANNEL_PROTOCOLS_KEY },
    { op: 'registry.readValue', path: FIPS_KEY, name: 'Enabled' },
    { op: 'registry.readValue', path: CIPHER_POLICY_KEY, name: 'Functions' },
    { op: 'registry.readValue', path: CREDSSP_POLICY_KEY, name: 'AllowEncryptionOracle' },
    { op: 'registry.readValue', path: AUTHENTICATION_LEVEL_KEY, name: 'AuthenticationLevel' },
  ];
}

function find<T>(record: Record<string, T> | undefined, name: string): T | undefined {
  if (!record) return undefined;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : record[key];
}

function dword(value: RegistryValue | undefined): number | undefined {
  return value?.type === 'REG_DWORD' ? value.data : undefined;
}

function readValue(result: OpResult | undefined): RegistryValue | undefined | null {
  if (!result?.ok) return null;
  const parsed = ReadValueResultSchema.safeParse(result.value);
  if (!parsed.success) return null;
  return parsed.data.exists ? parsed.data.value : undefined;
}

/** One version's client side: a value that is set decides; otherwise Windows' default for the build. */
export function clientVersion(version: TlsVersion, protocols: RegistryKeyTree | undefined, build: number) {
  const client = find(find(protocols?.subkeys, SCHANNEL_KEY_NAMES[version])?.subkeys, 'Client');
  const enabled = find(client?.values, 'Enabled');
  const disabledByDefault = find(client?.values, 'DisabledByDefault');
  const windowsDefault = schannelClientDefault(version, build);
  const enabledNumber = dword(enabled);
  const offByDefault = dword(disabledByDefault);
  let on = windowsDefault;
  if (enabledNumber !== undefined) on = enabledNumber !== 0;
  if (offByDefault !== undefined && offByDefault !== 0) on = false;
  return {
    version,
    on,
    windowsDefault,
    ...(enabled ? { enabled } : {}),
    ...(disabledByDefault ? { disabledByDefault } : {}),
  } satisfies ClientVersion;
}

/** This PC's side from the results of `clientSecurityReads`, or undefined when the TLS settings could not be read. */
export function clientSecurityOf(results: readonly OpResult[]): ClientSecurity | undefined {
  const facts = results[0]?.ok ? SystemFactsSchema.safeParse(results[0].value) : undefined;
  const build = buildNumber(facts?.success ? facts.data.build : undefined);
  const keyResult = results[1];
  if (!keyResult?.ok) return undefined;
  const key = ReadKeyResultSchema.safeParse(keyResult.value);
  if (!key.success) return undefined;
  const protocols = key.data.exists ? key.data.tree : undefined;
  const fips = readValue(results[2]);
  const ciphers = readValue(results[3]);
  const oracle = readValue(results[4]);
  const authentication = readValue(results[5]);
  const cipherText =
    ciphers?.type === 'REG_SZ' || ciphers?.type === 'REG_EXPAND_SZ' ? ciphers.data : undefined;
  return {
    build,
    versions: TLS_VERSIONS.map((v) => clientVersion(v, protocols, build)),
    fips: dword(fips ?? undefined) === 1,
    ...(cipherText !== undefined ? { cipherPolicy: cipherText } : {}),
    ...(dword(oracle ?? undefined) !== undefined ? { encryptionOracle: dword(oracle ?? undefined) } : {}),
    requiresServerAuthentication: dword(authentication ?? undefined) === 1,
  };
}

/** The versions this PC's Remote Desktop client can use. */
export function clientVersionsOn(client: ClientSecurity): TlsVersion[] {
  return client.versions.filter((v) => v.on).map((v) => v.version);
}
