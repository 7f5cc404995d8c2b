import { TLS_VERSIONS, type TlsVersion } from '../../shared/handshake.js';
import { visibleText } from '../../shared/visible-text.js';
import { type ClientSecurity, clientVersionsOn } from './tls-client.js';
import { schannelClientDefault } from './tls-defaults.js';

/*
 * This PC's security settings as evidence rows of the handshake check, and back. The verdict is a pure function
 * of the findings and the probe, so it reads this PC's side from these rows; every word of the rows it reads
 * back is ours (version numbers, a build number, fixed words), never text from the machine.
 */

export const CLIENT_ROWS = {
  versions: 'TLS versions this PC uses for Remote Desktop',
  build: 'Windows build',
  serverAuthentication: 'Server authentication this PC requires',
  fips: 'FIPS mode',
  ciphers: 'Cipher-suite order policy',
  credSsp: 'CredSSP client policy (AllowEncryptionOracle)',
} as const;

const WORDS: Record<TlsVersion, string> = {
  TLSv1: '1.0',
  'TLSv1.1': '1.1',
  'TLSv1.2': '1.2',
  'TLSv1.3': '1.3',
};
const REQUIRED = 'required by policy (do not connect without it)';

const ORACLE_WORDS: Record<number, string> = {
  0: 'Force updated clients: fails only against a remote computer without the 2018 CredSSP update, which cannot be seen before sign-in',
  1: 'Mitigated (the default)',
  2: 'Vulnerable',
};

export function clientEvidence(client: ClientSecurity): { label: string; value: string }[] {
  const on = clientVersionsOn(client);
  return [
    { label: CLIENT_ROWS.versions, value: on.length > 0 ? on.map((v) => WORDS[v]).join(', ') : 'none' },
    { label: CLIENT_ROWS.build, value: String(client.build) },
    {
      label: CLIENT_ROWS.serverAuthentication,
      value: client.requiresServerAuthentication ? REQUIRED : 'not required',
    },
    { label: CLIENT_ROWS.fips, value: client.fips ? 'on' : 'off' },
    {
      label: CLIENT_ROWS.ciphers,
      value: client.cipherPolicy === undefined ? 'not set' : visibleText(client.cipherPolicy, 400),
    },
    {
      label: CLIENT_ROWS.credSsp,
      value:
        client.encryptionOracle === undefined
          ? 'not set (Mitigated)'
          : (ORACLE_WORDS[client.encryptionOracle] ?? String(client.encryptionOracle)),
    },
  ];
}

/** This PC's side as the rows say it, or undefined when they are not there (no handshake, or unreadable). */
export function clientFromEvidence(
  evidence: readonly { label: string; value: string }[],
): ClientSecurity | undefined {
  const row = (label: string) => evidence.find((e) => e.label === label)?.value;
  const versions = row(CLIENT_ROWS.versions);
  const build = Number(row(CLIENT_ROWS.build));
  if (versions === undefined || !Number.isInteger(build)) return undefined;
  const on = versions.split(', ');
  return {
    build,
    versions: TLS_VERSIONS.map((version) => ({
      version,
      on: on.includes(WORDS[version]),
      windowsDefault: schannelClientDefault(version, build),
    })),
    fips: row(CLIENT_ROWS.fips) === 'on',
    requiresServerAuthentication: row(CLIENT_ROWS.serverAuthentication) === REQUIRED,
  };
}
