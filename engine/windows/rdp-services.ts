import { MACHINE_ALLOW_LIST } from '../../shared/machine-allow-list.js';
import type { ServiceName, ServiceStartType } from '../../shared/ops.js';

/*
 * The services Remote Desktop needs on the computer that accepts connections (issue 25, part 3), what each does
 * for it, and the start type Windows ships with. The start types are those of a clean Windows 10/11 and Windows
 * Server 2016-2025 installation, as Microsoft lists them in "Guidance on disabling system services on Windows
 * Server 2016 with Desktop Experience" (Microsoft Security Guidance blog, 2017-05-29, and its spreadsheet of
 * every service's default start type); the same table is the fix's whitelist in
 * shared/machine-allow-list.json (elevatedWrites.serviceStates), so the elevated side holds the fix to it:
 *
 * | service      | display name                                      | Windows ships it |
 * | ------------ | ------------------------------------------------- | ---------------- |
 * | TermService  | Remote Desktop Services                           | Manual           |
 * | SessionEnv   | Remote Desktop Configuration                      | Manual           |
 * | UmRdpService | Remote Desktop Services UserMode Port Redirector  | Manual           |
 * | KeyIso       | CNG Key Isolation                                 | Manual (trigger) |
 * | CryptSvc     | Cryptographic Services                            | Automatic        |
 * | CertPropSvc  | Certificate Propagation                           | Manual (trigger) |
 *
 * Manual services are started by Windows when needed (TermService when Remote Desktop is turned on, SessionEnv
 * and UmRdpService with it, KeyIso and CertPropSvc on their triggers), so stopped is how they rest. Two must
 * run for anyone to connect: TermService (it is the listener) and CryptSvc (automatic; certificate checks).
 * Disabled stops any of them from starting when Remote Desktop needs it.
 */

export interface RdpService {
  name: ServiceName;
  displayName: string;
  /** What it does for an incoming connection, in words. */
  role: string;
  /** Stopped is a fault (not only disabled). */
  mustRun: boolean;
  windowsStartType: Exclude<ServiceStartType, 'Disabled'>;
}

const fixStartType = (name: ServiceName): Exclude<ServiceStartType, 'Disabled'> => {
  const entry = MACHINE_ALLOW_LIST.elevatedWrites.serviceStates.find((s) => s.name === name);
  return entry?.fixStartType === 'Automatic' ? 'Automatic' : 'Manual';
};

const service = (name: ServiceName, displayName: string, role: string, mustRun: boolean): RdpService => ({
  name,
  displayName,
  role,
  mustRun,
  windowsStartType: fixStartType(name),
});

/** In the order they start: what another depends on comes first (UmRdpService needs TermService). */
export const RDP_HOST_SERVICES: readonly RdpService[] = [
  service('CryptSvc', 'Cryptographic Services', 'checks certificates for the security handshake', true),
  service(
    'KeyIso',
    'CNG Key Isolation',
    "opens the private key of the computer's Remote Desktop certificate",
    false,
  ),
  service(
    'CertPropSvc',
    'Certificate Propagation',
    'makes smart-card certificates available for sign-in',
    false,
  ),
  service('TermService', 'Remote Desktop Services', 'accepts the connections', true),
  service(
    'SessionEnv',
    'Remote Desktop Configuration',
    "makes and renews the computer's Remote Desktop certificate",
    false,
  ),
  service(
    'UmRdpService',
    'Remote Desktop Services UserMode Port Redirector',
    'brings printers, drives and ports into the session',
    false,
  ),
];

/** A start type in words, as Services (services.msc) says it. */
export function startTypeWords(startType: string): string {
  switch (startType) {
    case 'Automatic':
      return 'starts automatically';
    case 'Manual':
      return 'starts manually (Windows starts it when needed)';
    case 'Disabled':
      return 'disabled';
    default:
      return `start type ${startType}`;
  }
}
