import type { MachineDescriptionInput } from '../../shared/machine-description.js';
import { TERMINAL_SERVER_KEY } from '../windows/host-mode.js';
import { RDP_CERTIFICATE_STORE } from './certificates-host.js';
import { machineWith } from './repair-harness.test-support.js';

// The certificates the certificates repair's tests work with (certificates.test.ts, certificates-machine.test.ts).

/** A key that opens and that Remote Desktop Services may read: as an administrator's listing reports it. */
export const READABLE = { privateKey: 'readable', serviceCanReadKey: true } as const;
export const EXPIRED = {
  thumbprint: '3F2A9C4B7D1E8F6A5B0C2D3E4F5A6B7C8D9E0F1A',
  subject: 'CN=PC01',
  notAfter: '2026-10-01T00:00:00Z',
  ...READABLE,
};
export const EXPIRING = {
  thumbprint: '1111111111111111111111111111111111111111',
  subject: 'CN=PC01',
  notAfter: '2026-12-03T12:00:00Z', // 13 days after NOW
  ...READABLE,
};
export const VALID = {
  thumbprint: '5A1C3E0F7B2D4C6E8A9B0C1D2E3F405162738495',
  subject: 'CN=PC01',
  notAfter: '2026-12-05T12:00:00Z', // 15 days after NOW
  ...READABLE,
};
export const CERT_HASH = { type: 'REG_BINARY', data: '00ff10ab' } as const;

export type Certificate = {
  thumbprint: string;
  subject: string;
  notAfter: string;
  privateKey: 'readable' | 'none' | 'unreadable';
  serviceCanReadKey: boolean;
};

/** A PC that accepts Remote Desktop connections (host mode), with these certificates. */
export function host(
  certificates: Certificate[],
  extra: Partial<MachineDescriptionInput> = {},
): MachineDescriptionInput {
  return machineWith({
    certificates: { [RDP_CERTIFICATE_STORE]: certificates },
    services: { TermService: { status: 'Running' }, SessionEnv: { status: 'Running' } },
    ...extra,
    registry: {
      [TERMINAL_SERVER_KEY]: { fDenyTSConnections: { type: 'REG_DWORD', data: 0 } },
      ...extra.registry,
    },
  });
}
