import { INCOMING_HOST } from '../../engine/incoming-question.js';

/*
 * `--this-pc`: "people cannot connect TO this PC", the incoming question, as the main one. The engine answers
 * it (engine/incoming-question.ts: this PC itself, the host-mode repairs, no handshake, its own verdict); this
 * file is the option and how the text output words it.
 */

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
  return { ok: true, host: INCOMING_HOST };
}
