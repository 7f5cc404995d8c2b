import { isDeepStrictEqual } from 'node:util';
import {
  type Op,
  type ServiceName,
  ServiceNameSchema,
  type ServiceStartType,
  ServiceStartTypeSchema,
} from '../../shared/ops.js';
import { type RegistryValue, RegistryValueSchema } from '../../shared/registry.js';
import { RDP_CERTIFICATE_STORE } from '../repairs/certificates-host.js';
import { TERMINAL_SERVICES_KEY, UDP_POLICY_KEY, UDP_POLICY_VALUE } from '../repairs/udp-transport.js';
import { SCHANNEL_VALUES, type SchannelValue, schannelValueOps } from '../windows/schannel-client-values.js';
import { schannelClientKey } from '../windows/tls-client.js';

/*
 * The closed set of machine-wide changes RDP Repair makes, each a named template with typed parameters, and
 * the only op lists that may ever go to the elevated batch. A journal lives where the user can write, so undo
 * and recover do not trust the ops it holds: they run a machine-wide inverse only when it is exactly what a
 * template builds, and rebuild it from that template. A test checks that every machine-wide change every
 * repair plans (and its inverse) is one of these.
 *
 * - udp-policy.set: set fClientDisableUDP under the Terminal Services client policy key to a value (the fix
 *   sets REG_DWORD 1; its undo puts back whatever value was there, so any value of that one name here). The
 *   elevated side narrows it again: only to the fix, or back to the value it recorded before the fix
 *   (shared/values-before.ts), so a rewritten journal cannot choose the value.
 * - udp-policy.remove: delete that value, then the empty keys the fix created (Client, then Terminal Services).
 * - host-certificate.renew: remove these certificates (by SHA-1 thumbprint) from the Remote Desktop store only,
 *   then restart SessionEnv so Windows makes a new one.
 * - host-certificate.create: restart SessionEnv.
 * - schannel-client.restore: set these of the TLS 1.2 / 1.3 Client values (Enabled, DisabledByDefault) to
 *   Windows' default (Enabled 1, DisabledByDefault 0); schannel-client.put-back: set them to the values given
 *   (the undo). The elevated side narrows the second again to the recorded values before, as for UDP.
 * - host-service.start: give one service Remote Desktop needs as a host a start type that is not Disabled (the
 *   one Windows ships with, or the one it has) and start it; host-service.put-back: put that service's start
 *   type and running state back (the undo). The elevated side allows the first only toward Windows' own start
 *   type or the one it has, and the second only to the state it recorded before (shared/values-before.ts).
 */

export type ElevatedTemplate =
  | { id: 'udp-policy.set'; params: { value: RegistryValue } }
  | { id: 'udp-policy.remove'; params: { emptyKeys: 0 | 1 | 2 } }
  | { id: 'host-certificate.renew'; params: { thumbprints: string[] } }
  | { id: 'host-certificate.create'; params: Record<string, never> }
  | { id: 'schannel-client.restore'; params: { values: SchannelValue[] } }
  | { id: 'schannel-client.put-back'; params: { values: (SchannelValue & { value: RegistryValue })[] } }
  | {
      id: 'host-service.start';
      params: { name: ServiceName; startType: Exclude<ServiceStartType, 'Disabled'> };
    }
  | {
      id: 'host-service.put-back';
      params: { name: ServiceName; startType: ServiceStartType; running: boolean };
    };

/** At most this many certificates in one renewal: a Remote Desktop store holds one or two. */
const MAX_CERTIFICATES = 32;
/** A policy value this long is not one Windows or this app ever wrote there. */
const MAX_VALUE_JSON = 1024;
const EMPTY_KEYS_IN_ORDER = [UDP_POLICY_KEY, TERMINAL_SERVICES_KEY] as const;
const RESTART_SESSION_ENV: Op = { op: 'service.restart', name: 'SessionEnv' };

export function buildElevatedOps(template: ElevatedTemplate): Op[] {
  switch (template.id) {
    case 'udp-policy.set':
      return [
        {
          op: 'registry.setValue',
          path: UDP_POLICY_KEY,
          name: UDP_POLICY_VALUE,
          value: template.params.value,
        },
      ];
    case 'udp-policy.remove':
      return [
        { op: 'registry.deleteValue', path: UDP_POLICY_KEY, name: UDP_POLICY_VALUE },
        ...EMPTY_KEYS_IN_ORDER.slice(0, template.params.emptyKeys).map(
          (path): Op => ({ op: 'registry.deleteEmptyKey', path }),
        ),
      ];
    case 'host-certificate.renew':
      return [
        ...template.params.thumbprints.map(
          (thumbprint): Op => ({ op: 'certificate.remove', store: RDP_CERTIFICATE_STORE, thumbprint }),
        ),
        RESTART_SESSION_ENV,
      ];
    case 'host-certificate.create':
      return [RESTART_SESSION_ENV];
    case 'schannel-client.restore':
      return schannelValueOps(template.params.values);
    case 'schannel-client.put-back':
      return schannelValueOps(template.params.values);
    case 'host-service.start':
      return [{ op: 'service.setState', ...template.params, running: true }];
    case 'host-service.put-back':
      return [{ op: 'service.setState', ...template.params }];
  }
}

/** The service state this one op sets, as either service template would name it. */
function serviceCandidates(ops: readonly Op[]): ElevatedTemplate[] {
  const [op] = ops;
  if (ops.length !== 1 || op?.op !== 'service.setState') return [];
  const name = ServiceNameSchema.safeParse(op.name);
  const startType = ServiceStartTypeSchema.safeParse(op.startType);
  if (!name.success || !startType.success || typeof op.running !== 'boolean') return [];
  const found: ElevatedTemplate[] = [];
  if (op.running && startType.data !== 'Disabled')
    found.push({ id: 'host-service.start', params: { name: name.data, startType: startType.data } });
  found.push({
    id: 'host-service.put-back',
    params: { name: name.data, startType: startType.data, running: op.running },
  });
  return found;
}

/** The SCHANNEL values these ops set, when every op sets a different one of them (at most all four). */
function schannelCandidates(ops: readonly Op[]): ElevatedTemplate[] {
  if (ops.length === 0 || ops.length > SCHANNEL_VALUES.length) return [];
  const values: (SchannelValue & { value: RegistryValue })[] = [];
  for (const op of ops) {
    if (op.op !== 'registry.setValue') return [];
    const known = SCHANNEL_VALUES.find((v) => schannelClientKey(v.version) === op.path && v.name === op.name);
    const value = RegistryValueSchema.safeParse(op.value);
    if (!known || !value.success || JSON.stringify(value.data).length > MAX_VALUE_JSON) return [];
    // Each value once: two writes to one value are no template's ops.
    if (values.some((v) => v.version === known.version && v.name === known.name)) return [];
    values.push({ ...known, value: value.data });
  }
  const names = values.map(({ version, name }) => ({ version, name }));
  return [
    { id: 'schannel-client.restore', params: { values: names } },
    { id: 'schannel-client.put-back', params: { values } },
  ];
}

/** The parameters each template would need to build these ops; checked by building them again. */
function candidates(ops: readonly Op[]): ElevatedTemplate[] {
  const [first] = ops;
  const found: ElevatedTemplate[] = [];
  if (first?.op === 'registry.setValue' && ops.length === 1) {
    const value = RegistryValueSchema.safeParse(first.value);
    if (value.success && JSON.stringify(value.data).length <= MAX_VALUE_JSON)
      found.push({ id: 'udp-policy.set', params: { value: value.data } });
  }
  if (first?.op === 'registry.deleteValue' && ops.length <= 3)
    found.push({ id: 'udp-policy.remove', params: { emptyKeys: (ops.length - 1) as 0 | 1 | 2 } });
  if (first?.op === 'certificate.remove' && ops.length >= 2 && ops.length <= MAX_CERTIFICATES + 1) {
    const thumbprints = ops.slice(0, -1).map((op) => (op.op === 'certificate.remove' ? op.thumbprint : ''));
    if (thumbprints.every((t) => /^[0-9A-F]{40}$/.test(t)))
      found.push({ id: 'host-certificate.renew', params: { thumbprints } });
  }
  if (first?.op === 'service.restart' && ops.length === 1)
    found.push({ id: 'host-certificate.create', params: {} });
  found.push(...schannelCandidates(ops));
  found.push(...serviceCandidates(ops));
  return found;
}

/** The template that builds exactly these ops, or undefined: then they must never run elevated. */
export function recogniseElevatedOps(ops: readonly Op[]): ElevatedTemplate | undefined {
  return candidates(ops).find((template) => isDeepStrictEqual(buildElevatedOps(template), ops));
}
