import { z } from 'zod';
import { WriteResultSchema } from './common.js';

/*
 * The services family: the services Remote Desktop needs as a host (issue 25, part 3) and the Group Policy
 * refresh (machine/powershell/interpreter/Services.ps1).
 */

export const ServiceNameSchema = z.enum([
  'TermService',
  'SessionEnv',
  'UmRdpService',
  'KeyIso',
  'CryptSvc',
  'CertPropSvc',
]);
export type ServiceName = z.infer<typeof ServiceNameSchema>;

/** The start types service.setState sets (Boot and System belong to drivers, never to these services). */
export const ServiceStartTypeSchema = z.enum(['Automatic', 'Manual', 'Disabled']);
export type ServiceStartType = z.infer<typeof ServiceStartTypeSchema>;

export const SERVICES_OP_SCHEMAS = [
  z.object({ op: z.literal('service.status'), name: ServiceNameSchema }),
  z.object({ op: z.literal('service.restart'), name: ServiceNameSchema }),
  /**
   * Put a service in this state: its start type, and running or stopped. Running: the start type is set first
   * (a disabled service cannot start), then it starts. Stopped: it stops (with the services that depend on it,
   * which cannot run without it), then the start type is set. Guarded from the elevated batch like a registry
   * value (shared/values-before.ts): only toward working (running, its Windows start type or the one it has
   * when that is not Disabled), or back to exactly the state recorded before.
   */
  z.object({
    op: z.literal('service.setState'),
    name: ServiceNameSchema,
    startType: ServiceStartTypeSchema,
    running: z.boolean(),
  }),
  z.object({ op: z.literal('policy.refresh') }),
] as const;

export const ServiceStatusResultSchema = z.discriminatedUnion('exists', [
  z.object({ exists: z.literal(false) }),
  z.object({
    exists: z.literal(true),
    status: z.enum(['Running', 'Stopped', 'Paused', 'StartPending', 'StopPending']),
    /**
     * Absent when Windows would not say (the service's configuration could not be queried): unknown, never
     * read as Disabled. Boot and System are reported as Windows gives them, though no service here has them.
     */
    startType: z.enum(['Automatic', 'Manual', 'Disabled', 'Boot', 'System']).optional(),
  }),
]);
export type ServiceStatusResult = z.infer<typeof ServiceStatusResultSchema>;

export const SERVICES_RESULT_SCHEMAS = {
  'service.status': ServiceStatusResultSchema,
  'service.restart': WriteResultSchema,
  'service.setState': WriteResultSchema,
  'policy.refresh': WriteResultSchema,
} as const;
