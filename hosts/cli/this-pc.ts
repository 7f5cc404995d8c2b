import type { RepairId } from '../../shared/findings.js';
import type { ScanReport } from '../../shared/ipc.js';
import type { Verdict } from '../../shared/verdict.js';

/*
 * `--this-pc`: "people cannot connect TO this PC", the incoming question, as the main one. What the engine has
 * for it today is host mode (engine/host-mode.ts): this PC's own listener certificate and the server-role
 * event logs, judged when this PC accepts Remote Desktop. So the CLI checks this PC under the name localhost,
 * with those repairs alone and no handshake, and words the verdict for this question here.
 *
 * Still for the engine (engine/verdict.ts, engine/host-mode.ts), so that this file can shrink to the option:
 * - a question in the scan request (outgoing or incoming), with the incoming verdict made there: "does not
 *   accept Remote Desktop" as a verdict of its own, and this PC's listener findings as the verdict;
 * - HostMode's reason apart from its sentence (here it is cut out of the sentence);
 * - a loopback handshake with this PC's own listener as this PC's evidence (side this-pc, never remote-pc),
 *   which this CLI leaves out because today's verdict would name it "the remote computer";
 * - the certificates repair judging only the listener certificate in that question (it also looks for a
 *   certificate accepted for "localhost", which does no harm but is not the question).
 */

/** The name the check runs under: this computer itself. */
export const THIS_PC_HOST = 'localhost';

/** The repairs that judge this PC as the computer others connect to (host mode). */
export const THIS_PC_REPAIRS: readonly RepairId[] = ['certificates', 'event-logs'];

/** How the text output names what was checked and the command that fixes it, for this question. */
export const THIS_PC_WORDS = {
  checked: 'this PC as the computer others connect to',
  fixCommand: 'rdp-repair fix --this-pc',
};

/** `--this-pc` names the computer already: with --host as well, which one is meant is not clear. */
export function thisPcHost(
  command: string | undefined,
  thisPc: boolean,
  host: unknown,
): { ok: true; host: unknown } | { ok: false; message: string } {
  if (!thisPc) return { ok: true, host };
  if (command !== 'scan' && command !== 'fix') {
    return { ok: false, message: '--this-pc works with scan and fix; see rdp-repair --help.' };
  }
  if (host !== undefined) {
    return {
      ok: false,
      message:
        '--this-pc checks this PC as the computer others connect to; leave out --host, or leave out --this-pc to check a connection to that computer.',
    };
  }
  return { ok: true, host: THIS_PC_HOST };
}

/** Host mode's sentence ends with what it means for the outgoing question; here that ending is wrong. */
const OUTGOING_ENDING = /: it is checked as (the computer that connects|the remote computer too)\.$/;

function modeSentence(mode: ScanReport['mode']): string {
  return mode.sentence.replace(OUTGOING_ENDING, '.');
}

/** The verdict for the incoming question, from a scan of THIS_PC_REPAIRS without a handshake. */
export function thisPcVerdict(report: Pick<ScanReport, 'verdict' | 'mode'>): Verdict {
  if (!report.mode.acceptsConnections) {
    // Nobody can connect while Remote Desktop is off here: that is the answer, whatever else is fine.
    return {
      side: 'this-pc',
      summary: `People cannot connect to this PC: ${modeSentence(report.mode)}`,
    };
  }
  if (report.verdict.side === 'none') {
    return {
      side: 'none',
      summary:
        'This PC accepts Remote Desktop connections, and no problem was found with its listener certificate or in its server event logs.',
    };
  }
  return report.verdict;
}

/** The scan report as the incoming question words it: its verdict, and host mode without the outgoing ending. */
export function asThisPcReport(report: ScanReport): ScanReport {
  return {
    ...report,
    verdict: thisPcVerdict(report),
    mode: { ...report.mode, sentence: modeSentence(report.mode) },
  };
}
