import type { MachineDescriptionInput } from '../../shared/machine-description.js';
import type { Op, OpErrorCode } from '../../shared/ops.js';
import type { RegistryKeyTree, RegistryValue } from '../../shared/registry.js';
import type { ExpectedResult } from './contract-types.js';

/*
 * What more than one family's contract cases use: the result shorthands, the paths, a starting machine, and
 * the certificates (the certificate cases and the elevated-batch cases share them). Data only, as the table.
 */

export const ok = (value: unknown): ExpectedResult => ({ ok: true, value });
export const done = ok(null);
export const err = (code: OpErrorCode): ExpectedResult => ({ ok: false, error: { code } });
export const absent = ok({ exists: false });

export const TSC = 'HKCU\\Software\\Microsoft\\Terminal Server Client';
export const POLICY_ROOT = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services';
export const POLICY = `${POLICY_ROOT}\\Client`;
export const DOCS = 'C:\\Users\\alice\\Documents';

export const dword = (data: number): RegistryValue => ({ type: 'REG_DWORD', data });
export const sz = (data: string): RegistryValue => ({ type: 'REG_SZ', data });
export const key = (
  values: Record<string, RegistryValue>,
  subkeys: Record<string, RegistryKeyTree> = {},
): RegistryKeyTree => ({ values, subkeys });

export const utf16 = (text: string): string =>
  Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]).toString('base64');
export const utf8 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

export function machine(
  parts: Omit<MachineDescriptionInput, 'schemaVersion' | 'os'> = {},
): MachineDescriptionInput {
  return {
    schemaVersion: 1,
    os: {
      build: '10.0.22631',
      edition: 'Professional',
      elevated: false,
      user: 'alice',
      documentsFolder: DOCS,
      powershellVersion: '5.1.22621.4391',
    },
    ...parts,
  };
}

export const CERT_OLD = {
  thumbprint: '3F2A9C1D5E7B8A0F1C2D3E4F5A6B7C8D9E0F1A2B',
  subject: 'CN=PC01',
  notAfter: '2025-01-01T00:00:00Z',
  privateKey: 'readable' as const,
  serviceCanReadKey: true,
};
export const CERT_NEW = {
  thumbprint: '0123456789ABCDEF0123456789ABCDEF01234567',
  subject: 'CN=PC01',
  notAfter: '2027-01-01T00:00:00Z',
  privateKey: 'readable' as const,
  serviceCanReadKey: true,
};
export const CERT_MY = {
  thumbprint: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  subject: 'CN=web',
  notAfter: '2027-06-01T00:00:00Z',
  privateKey: 'readable' as const,
  serviceCanReadKey: true,
};
export const CERT_KEYLESS = {
  thumbprint: 'BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB',
  subject: 'CN=imported-without-key',
  notAfter: '2027-06-01T00:00:00Z',
  privateKey: 'none' as const,
  serviceCanReadKey: true,
};
/** A certificate as an unelevated listing sees it: whether it has a key, nothing about the key itself. */
export const unelevated = (c: typeof CERT_OLD) => ({
  ...c,
  privateKey: 'unknown' as const,
  serviceCanReadKey: null,
});
// SessionEnv, which makes a new Remote Desktop certificate, is there: without it no certificate is removed.
export const WITH_CERTS = machine({
  certificates: { 'LocalMachine\\Remote Desktop': [CERT_OLD, CERT_NEW], 'LocalMachine\\My': [CERT_MY] },
  services: { SessionEnv: { status: 'Running' } },
});

/** An op that breaks the vocabulary's rules on purpose, to check the interpreter refuses it. */
export function invalidOp(raw: Record<string, unknown>): Op {
  return raw as Op;
}
