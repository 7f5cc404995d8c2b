import { type MachineEvent, type OpResult, ServiceStatusResultSchema } from '../../shared/ops.js';
import { formatEventTime } from '../windows/event-window.js';

/*
 * Whether Windows can be seen to make a new Remote Desktop certificate after the old one is removed: the
 * Remote Desktop Configuration service (SessionEnv) makes it when it starts and finds no valid one. A removed
 * certificate cannot be put back (its key cannot be exported), so it is removed only when:
 * - SessionEnv exists and is running now. The start type (Disabled or not) is not read here: a stopped
 *   SessionEnv may be disabled, and a restart of a disabled service fails after the removal, leaving none. So a
 *   stopped, paused or unreadable SessionEnv stops the removal, and the finding says so; the interpreter checks
 *   the start type again when it removes (Certificates.ps1, Test-SessionEnvCanStart).
 * - Windows did not record in the last days that it failed to make or replace one (events 1057, 1058): then
 *   the same failure (usually the MachineKeys folder's permissions) would leave the computer without any.
 */

export type RenewalGate = { allowed: true } | { allowed: false; why: string };

const SERVICE = 'the Remote Desktop Configuration service (SessionEnv), which makes the new certificate,';
const STATUS_WORDS: Record<string, string> = {
  Stopped: 'stopped',
  Paused: 'paused',
  StartPending: 'starting',
  StopPending: 'stopping',
};

/** Whether SessionEnv shows it will make the replacement, from its service.status result. */
function sessionEnvGate(result: OpResult | undefined): RenewalGate {
  if (!result) return { allowed: false, why: `the state of ${SERVICE} was not read` };
  if (!result.ok)
    return { allowed: false, why: `the state of ${SERVICE} could not be read: ${result.error.message}` };
  const parsed = ServiceStatusResultSchema.safeParse(result.value);
  if (!parsed.success)
    return { allowed: false, why: `the state of ${SERVICE} was not in the expected shape` };
  if (!parsed.data.exists) return { allowed: false, why: `${SERVICE} is not installed` };
  // Running but disabled: the restart after the removal could stop it and not start it again.
  if (parsed.data.startType === 'Disabled')
    return {
      allowed: false,
      why: `${SERVICE} is disabled, so it could not start again to make the new certificate`,
    };
  if (parsed.data.status === 'Running') return { allowed: true };
  return {
    allowed: false,
    why:
      `${SERVICE} is ${STATUS_WORDS[parsed.data.status] ?? parsed.data.status}, and whether it may start ` +
      '(its startup type) is not read here, so it cannot be seen that Windows would make a new certificate',
  };
}

export function renewalGate(
  sessionEnv: OpResult | undefined,
  creationFailures: readonly MachineEvent[],
): RenewalGate {
  const service = sessionEnvGate(sessionEnv);
  if (!service.allowed) return service;
  const [failure] = creationFailures;
  if (failure) {
    return {
      allowed: false,
      why: `Windows recorded on ${formatEventTime(failure.time)} that it could not make a new certificate (event ${failure.id}): removing this one could leave none`,
    };
  }
  return { allowed: true };
}

/** SessionEnv can be restarted (a restart makes a missing certificate): it exists, whatever its state. */
export function sessionEnvExists(result: OpResult | undefined): boolean {
  const parsed = result?.ok ? ServiceStatusResultSchema.safeParse(result.value) : undefined;
  return parsed?.success === true && parsed.data.exists;
}

export const RENEWAL_STEPS = [
  'Press Windows key + R, type services.msc and press Enter. Open "Remote Desktop Configuration": if its Startup type is Disabled, set it to Manual, then press Start.',
  'If Windows recorded event 1057 or 1058 (listed above), it could not write the new key: check the permissions of C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys (SYSTEM and Administrators need Full control) first.',
  'Then press Windows key + R, type certlm.msc and press Enter; open Remote Desktop > Certificates and delete the certificate listed above.',
  'Restart the "Remote Desktop Configuration" service; Windows creates a new certificate. Check that one appears before you disconnect.',
];
