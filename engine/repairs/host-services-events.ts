import type { Finding } from '../../shared/findings.js';
import { EventsResultSchema, type MachineEvent, type Op, type OpResult } from '../../shared/ops.js';
import { visibleText } from '../../shared/visible-text.js';
import type { RepairContext } from '../repair.js';
import { eventWindowStart, formatEventTime, MAX_EVENTS_PER_LOG } from '../windows/event-window.js';
import { RDP_HOST_SERVICES, type RdpService } from '../windows/rdp-services.js';

/*
 * What the Service Control Manager wrote in System about the services Remote Desktop needs (issue 25, part 5),
 * as evidence on the host services card: 7000 (failed to start), 7001 (a service it depends on did not start),
 * 7022 (hung on starting), 7023 and 7024 (stopped with an error), 7031 and 7034 (stopped unexpectedly). The
 * service is the event's param1 (7001: also param2, the one it depends on), its display name; matched on the
 * English display name or the service name, so on a Windows in another language these lines may be missing
 * (never wrong). Evidence only: the status comes from the services themselves.
 */

const SCM_PROVIDER = 'Service Control Manager';
const SCM_IDS = [7000, 7001, 7022, 7023, 7024, 7031, 7034];
const EVIDENCE_LINES = 6;

const WORDS: Record<number, string> = {
  7000: 'the service failed to start',
  7001: 'the service could not start because a service it depends on did not',
  7022: 'the service hung on starting',
  7023: 'the service stopped with an error',
  7024: 'the service stopped with a service-specific error',
  7031: 'the service stopped unexpectedly',
  7034: 'the service stopped unexpectedly',
};

export function serviceEventRead(ctx: RepairContext): Op {
  return {
    op: 'events.query',
    channel: 'System',
    ids: SCM_IDS,
    providers: [SCM_PROVIDER],
    since: eventWindowStart(ctx.now),
    max: MAX_EVENTS_PER_LOG,
  };
}

function serviceNamed(text: string | number | undefined): RdpService | undefined {
  if (typeof text !== 'string') return undefined;
  const name = text.trim().toLowerCase();
  return RDP_HOST_SERVICES.find((s) => s.displayName.toLowerCase() === name || s.name.toLowerCase() === name);
}

function firstLine(text: string | undefined): string {
  const line = (text ?? '').split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  return visibleText(line.trim(), 200);
}

/** The card's evidence lines from the result of serviceEventRead, newest first; a failed read is one line too. */
export function serviceEventEvidence(result: OpResult | undefined): Finding['evidence'] {
  const parsed = result?.ok ? EventsResultSchema.safeParse(result.value) : undefined;
  if (!parsed?.success) {
    const why = result && !result.ok ? result.error.message : 'no events in the expected shape';
    return [{ label: 'Could not read System (Service Control Manager)', value: visibleText(why, 200) }];
  }
  const ours = parsed.data
    .filter((e) => SCM_IDS.includes(e.id) && (e.provider ?? '').toLowerCase() === SCM_PROVIDER.toLowerCase())
    .map((e): [MachineEvent, RdpService | undefined] => [
      e,
      serviceNamed(e.data.param1) ?? serviceNamed(e.data.param2),
    ])
    .filter((pair): pair is [MachineEvent, RdpService] => pair[1] !== undefined)
    .sort(([a], [b]) => Date.parse(b.time) - Date.parse(a.time));
  return ours.slice(0, EVIDENCE_LINES).map(([e, service]) => {
    const text = firstLine(e.message);
    const words = `${service.displayName} (${service.name}): ${WORDS[e.id] ?? `event ${e.id}`}`;
    return {
      label: `${formatEventTime(e.time)} · System ${e.id}`,
      value: text ? `${words} — ${text}` : words,
    };
  });
}
