import { z } from 'zod';
import { WriteResultSchema } from './common.js';

/*
 * The services family: the Remote Desktop services and the Group Policy refresh
 * (machine/powershell/interpreter/Services.ps1).
 */

export const ServiceNameSchema = z.enum(['TermService', 'SessionEnv', 'UmRdpService']);

export const SERVICES_OP_SCHEMAS = [
  z.object({ op: z.literal('service.status'), name: ServiceNameSchema }),
  z.object({ op: z.literal('service.restart'), name: ServiceNameSchema }),
  z.object({ op: z.literal('policy.refresh') }),
] as const;

export const ServiceStatusResultSchema = z.discriminatedUnion('exists', [
  z.object({ exists: z.literal(false) }),
  z.object({
    exists: z.literal(true),
    status: z.enum(['Running', 'Stopped', 'Paused', 'StartPending', 'StopPending']),
  }),
]);

export const SERVICES_RESULT_SCHEMAS = {
  'service.status': ServiceStatusResultSchema,
  'service.restart': WriteResultSchema,
  'policy.refresh': WriteResultSchema,
} as const;
