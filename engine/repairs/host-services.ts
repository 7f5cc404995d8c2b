import type { Finding, PlannedChange } from '../../shared/findings.js';
import {
  type Op,
  type OpResult,
  type ServiceStatusResult,
  ServiceStatusResultSchema,
} from '../../shared/ops.js';
import type { Repair, RepairContext } from '../repair.js';
import { RDP_HOST_SERVICES, type RdpService, startTypeWords } from '../windows/rdp-services.js';
import { targetsThisPc } from '../windows/this-pc-target.js';
import { serviceEventEvidence, serviceEventRead } from './host-services-events.js';

/*
 * The services Remote Desktop needs on this PC as a host (issue 25, part 3; engine/windows/rdp-services.ts says
 * which, why, and how Windows ships them). Checked when Remote Desktop is turned on here (host mode's
 * `turnedOn`, whether or not TermService runs: a stopped one is exactly what this finds).
 * Rules: disabled → problem (Windows cannot start it when Remote Desktop needs it); stopped → problem only for
 * the two that must run (TermService, CryptSvc); a start type Windows would not tell, or a status that could not
 * be read → unknown ("could not check"), never a change; not installed → problem with steps, no change.
 * The fix (machine-wide, the host-service.start template): the start type Windows ships with when it is
 * Disabled, else the one it has, and start it; its undo puts back the start type and running state read
 * here, which the elevated side allows only as the state it recorded before. The Service Control Manager's
 * events about these services are evidence on the card (host-services-events.ts). When the check is of a connection
 * to another computer the finding is `incoming`: about people who connect here, out of that verdict.
 */

type Reading =
  | { kind: 'unreadable'; why: string }
  | { kind: 'absent' }
  | { kind: 'present'; running: boolean; status: string; startType?: string };

interface Checked {
  service: RdpService;
  reading: Reading;
  /** Why it stops Remote Desktop, when it does. */
  fault?: 'disabled' | 'stopped' | 'absent';
  unknown: boolean;
}

const EXPLANATION =
  'A computer accepts Remote Desktop connections only while the Remote Desktop Services service runs, and the ' +
  'security handshake needs the services that make, open and check its certificate. A service that is disabled ' +
  'or stopped where Remote Desktop needs it makes the computer refuse or drop the connection, which the computer ' +
  'that connects reports as error 0x904 or 0x7. Windows ships these services able to start; the fix gives a ' +
  'disabled one the start type Windows ships with and starts it, and Undo puts back exactly what was there.';

function readingOf(result: OpResult | undefined): Reading {
  if (!result) return { kind: 'unreadable', why: 'no answer' };
  if (!result.ok) return { kind: 'unreadable', why: result.error.message };
  const parsed = ServiceStatusResultSchema.safeParse(result.value);
  if (!parsed.success) return { kind: 'unreadable', why: 'the answer was not understood' };
  const status: ServiceStatusResult = parsed.data;
  if (!status.exists) return { kind: 'absent' };
  return {
    kind: 'present',
    running: status.status === 'Running',
    status: status.status,
    ...(status.startType ? { startType: status.startType } : {}),
  };
}

function check(service: RdpService, result: OpResult | undefined): Checked {
  const reading = readingOf(result);
  if (reading.kind === 'unreadable') return { service, reading, unknown: true };
  if (reading.kind === 'absent') return { service, reading, fault: 'absent', unknown: false };
  if (reading.startType === 'Disabled') return { service, reading, fault: 'disabled', unknown: false };
  if (service.mustRun && !reading.running) return { service, reading, fault: 'stopped', unknown: false };
  return { service, reading, unknown: reading.startType === undefined };
}

const label = (s: RdpService) => `${s.displayName} (${s.name})`;

function evidenceValue(c: Checked): string {
  const r = c.reading;
  if (r.kind === 'unreadable') return `could not check: ${r.why}`;
  if (r.kind === 'absent') return `not installed: it ${c.service.role}`;
  const state = r.status === 'Running' ? 'running' : r.status === 'Stopped' ? 'stopped' : r.status;
  const type =
    r.startType === undefined ? '; could not check its start type' : `, ${startTypeWords(r.startType)}`;
  const why = c.fault ? `. It ${c.service.role}` : '';
  return `${state}${type}${why}`;
}

function faultSentence(c: Checked): string {
  const name = label(c.service);
  if (c.fault === 'absent') return `${name} is not installed`;
  if (c.fault === 'disabled') return `${name} is disabled`;
  return `${name} is not running`;
}

function analyse(results: readonly OpResult[]): Checked[] {
  return RDP_HOST_SERVICES.map((service, index) => check(service, results[index]));
}

/** The fix for one service, from what was read: only for a fault whose state is fully known. */
function changeFor(c: Checked): PlannedChange | undefined {
  const r = c.reading;
  if ((c.fault !== 'disabled' && c.fault !== 'stopped') || r.kind !== 'present' || r.startType === undefined)
    return undefined;
  const startType = r.startType === 'Disabled' ? c.service.windowsStartType : r.startType;
  if (startType !== 'Automatic' && startType !== 'Manual') return undefined;
  const name = label(c.service);
  const setType =
    r.startType === 'Disabled' ? ` and set it to ${startTypeWords(startType)}, as Windows ships it` : '';
  const before = `${r.running ? 'running' : 'stopped'}, ${startTypeWords(r.startType)}`;
  const current = r.startType as 'Automatic' | 'Manual' | 'Disabled';
  return {
    id: `host-services:${c.service.name}`,
    repairId: 'host-services',
    description: `Start ${name}${setType}.`,
    undoDescription: `Put ${name} back as it was: ${before}.`,
    scope: 'machine',
    ops: [{ op: 'service.setState', name: c.service.name, startType, running: true }],
    inverse: [{ op: 'service.setState', name: c.service.name, startType: current, running: r.running }],
  };
}

/** The steps for a fault the fix cannot make safely (its start type could not be read). */
const byHand = (c: Checked) =>
  `Open Services (services.msc), double-click ${label(c.service)}, set "Startup type" to ${c.service.windowsStartType} (as Windows ships it) unless it is already Automatic or Manual, click Apply, then Start.`;

const INSTRUCTIONS_ABSENT =
  'A service Remote Desktop needs is missing from this computer. Check that this edition of Windows accepts ' +
  'Remote Desktop connections (Pro, Enterprise, Education or Server; Home does not), then repair Windows: run ' +
  '"DISM /Online /Cleanup-Image /RestoreHealth" and then "sfc /scannow" in a Command Prompt run as administrator.';

function hostFinding(ctx: RepairContext, checked: Checked[], events: OpResult | undefined): Finding {
  const faults = checked.filter((c) => c.fault !== undefined);
  const evidence = [
    ...checked.map((c) => ({ label: label(c.service), value: evidenceValue(c) })),
    ...serviceEventEvidence(events),
  ];
  const status = faults.length > 0 ? 'problem' : checked.some((c) => c.unknown) ? 'unknown' : 'ok';
  const summary =
    status === 'problem'
      ? `Remote Desktop cannot accept connections as it should: ${faults.map(faultSentence).join('; ')}.`
      : status === 'unknown'
        ? 'Some of the services Remote Desktop needs on this computer could not be checked.'
        : 'The services Remote Desktop needs on this computer can run.';
  const finding: Finding = {
    repairId: 'host-services',
    status,
    summary,
    explanation: EXPLANATION,
    evidence,
    instructions: [
      ...(faults.some((c) => c.fault === 'absent') ? [INSTRUCTIONS_ABSENT] : []),
      ...faults.filter((c) => c.fault !== 'absent' && !changeFor(c)).map(byHand),
    ],
  };
  // About people who connect here, while the check is of a connection to another computer.
  return targetsThisPc(ctx.target) ? finding : { ...finding, incoming: true };
}

const turnedOn = (ctx: RepairContext) => ctx.hostMode?.turnedOn === true;

export const HOST_SERVICE_READS: Op[] = RDP_HOST_SERVICES.map((s) => ({
  op: 'service.status',
  name: s.name,
}));

export const hostServicesRepair: Repair = {
  id: 'host-services',
  title: 'Start the services Remote Desktop needs to accept connections',
  reads: (ctx) => [...HOST_SERVICE_READS, serviceEventRead(ctx)],
  diagnose(ctx, results): Finding {
    if (!turnedOn(ctx)) {
      return {
        repairId: 'host-services',
        status: 'not-applicable',
        summary:
          'Remote Desktop is not turned on on this computer, so the services that accept connections are not needed.',
        explanation: EXPLANATION,
        evidence: [],
        instructions: [],
      };
    }
    return hostFinding(ctx, analyse(results), results[HOST_SERVICE_READS.length]);
  },
  plan(ctx, results): PlannedChange[] {
    if (!turnedOn(ctx)) return [];
    return analyse(results).flatMap((c) => changeFor(c) ?? []);
  },
};
