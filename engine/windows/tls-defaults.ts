import type { TlsVersion } from '../../shared/handshake.js';

/*
 * Whether Windows' TLS client (Schannel) uses a TLS version when the registry says nothing about it: the
 * default per Windows build. Sources (Microsoft):
 * - TLS 1.0 and 1.1: on by default up to Windows 11 23H2 / Windows Server 2022; off by default from the
 *   releases after September 2023, Windows 11 24H2 (build 26100) and Windows Server 2025 (build 26100)
 *   ("TLS 1.0 and TLS 1.1 soon to be disabled in Windows", Windows IT Pro Blog, 2023-08-01; the note in
 *   "TLS/SSL overview (Schannel SSP)", learn.microsoft.com/windows-server/security/tls/tls-ssl-schannel-ssp-overview).
 * - TLS 1.2: on by default from Windows 8 / Windows Server 2012 (build 9200); Windows 7 had it off for clients
 *   ("Protocols in TLS/SSL (Schannel SSP)", learn.microsoft.com/windows/win32/secauthn/protocols-in-tls-ssl--schannel-ssp-).
 * - TLS 1.3: on by default from Windows Server 2022 (build 20348) and Windows 11 (build 22000); not supported
 *   before (same page; the SChannelDsc module notes "TLS 1.3 is only supported with Windows Server 2022 and later").
 * A build we cannot read counts as a current Windows 11.
 */

export const SCHANNEL_DEFAULT_TABLE: readonly {
  version: TlsVersion;
  onFromBuild: number;
  offFromBuild?: number;
}[] = [
  { version: 'TLSv1', onFromBuild: 0, offFromBuild: 26100 },
  { version: 'TLSv1.1', onFromBuild: 0, offFromBuild: 26100 },
  { version: 'TLSv1.2', onFromBuild: 9200 },
  { version: 'TLSv1.3', onFromBuild: 20348 },
];

const CURRENT_BUILD = 26100;

/** The build number of `major.minor.build`, or the current Windows 11 when it is not one. */
export function buildNumber(build: string | undefined): number {
  const match = /^\d+\.\d+\.(\d{1,6})/.exec(build ?? '');
  return match ? Number(match[1]) : CURRENT_BUILD;
}

/** Windows' own default for the client side of this TLS version on this build. */
export function schannelClientDefault(version: TlsVersion, build: number): boolean {
  const row = SCHANNEL_DEFAULT_TABLE.find((r) => r.version === version);
  if (!row) return false;
  return build >= row.onFromBuild && (row.offFromBuild === undefined || build < row.offFromBuild);
}
