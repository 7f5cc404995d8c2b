import type { RepairId } from '../shared/findings.js';
import { type Question, QuestionSchema } from '../shared/question.js';
import type { Verdict } from '../shared/verdict.js';
import type { ScanOutcome } from './scan.js';
import type { HostMode } from './windows/host-mode.js';

/*
 * The incoming question: "people cannot connect TO this PC" (the app's start screen, `rdp-repair scan
 * --this-pc`), asked as the main one. Host mode (engine/windows/host-mode.ts) judges this PC as the computer
 * others connect to: its own listener certificate and the server-role event logs. For this question those
 * findings are the verdict, "Remote Desktop is off here" is a verdict of its own, and there is no other computer
 * to talk to, so no handshake is made (a loopback handshake would be named "the remote computer").
 * The outgoing question (the default) is unchanged: a connection from this PC to the computer typed.
 */

export { type Question, QuestionSchema };

/** The name the incoming check runs under: this computer itself (engine/windows/this-pc-target.ts). */
export const INCOMING_HOST = 'localhost';

/** The repairs that judge this PC as the computer others connect to. */
export const INCOMING_REPAIRS: readonly RepairId[] = [
  'certificates',
  'event-logs',
  'host-services',
  'host-port',
  'host-settings',
];

/** The repairs that judge nothing but this PC as a host: checked in the outgoing question too (host mode). */
const HOST_ONLY_REPAIRS: readonly RepairId[] = ['host-services', 'host-port', 'host-settings'];

/** The repairs a request names, within those of the incoming question. */
export function incomingRepairs(only: readonly RepairId[] | undefined): readonly RepairId[] {
  if (!only?.length) return INCOMING_REPAIRS;
  const chosen = INCOMING_REPAIRS.filter((id) => only.includes(id));
  // Naming only repairs of the other question leaves nothing to check: check all of this question's instead
  // of answering "fine" over nothing.
  return chosen.length > 0 ? chosen : INCOMING_REPAIRS;
}

/** Host mode's sentence ends with what it means for the outgoing question; for this one that ending is wrong. */
const OUTGOING_ENDING = /: it is checked as (the computer that connects|the remote computer too)\.$/;

function incomingMode(mode: HostMode): HostMode {
  return { ...mode, sentence: mode.sentence.replace(OUTGOING_ENDING, '.') };
}

/**
 * The verdict of the incoming question, from a scan of INCOMING_REPAIRS without a handshake. `computer`: the
 * name of the computer checked when it is another one reached through PowerShell remoting (then "this PC" would
 * name the wrong computer); absent for this PC.
 */
export function incomingVerdict(verdict: Verdict, mode: HostMode, computer?: string): Verdict {
  const subject = computer ?? 'this PC';
  if (!mode.acceptsConnections) {
    // Nobody can connect while Remote Desktop is off there: that is the answer, whatever else is fine.
    return {
      side: 'this-pc',
      summary: `People cannot connect to ${subject}: ${incomingMode(mode).sentence}`,
    };
  }
  if (verdict.side === 'none') {
    return {
      side: 'none',
      summary: `${computer ?? 'This PC'} accepts Remote Desktop connections, and no problem was found with its listener, its services or in its server event logs.`,
    };
  }
  return verdict;
}

/** A scan's outcome in the words of the question asked (the outgoing one is left as it is). */
export function answerQuestion(question: Question, outcome: ScanOutcome, computer?: string): ScanOutcome {
  if (question === 'outgoing') {
    // On a PC that does not accept Remote Desktop, the host-only checks are "not needed": for a connection from
    // here they are not even a question, so they are left out rather than counted among the checks passed.
    const asked = outcome.repairs.filter(
      (r) => !(HOST_ONLY_REPAIRS.includes(r.repair.id) && r.finding.status === 'not-applicable'),
    );
    return asked.length === outcome.repairs.length ? outcome : { ...outcome, repairs: asked };
  }
  return {
    ...outcome,
    verdict: incomingVerdict(outcome.verdict, outcome.hostMode, computer),
    hostMode: incomingMode(outcome.hostMode),
  };
}
