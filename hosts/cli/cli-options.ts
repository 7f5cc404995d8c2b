import { parseArgs } from 'node:util';
import { z } from 'zod';
import { RepairIdSchema } from '../../shared/findings.js';
import { HostInputSchema } from '../../shared/host-input-schema.js';
import { FLEET_SCAN_USAGE } from './fleet-scan-options.js';
import { PROBE_USAGE } from './probe-command.js';
import { REMOTE_OPTIONS, REMOTE_USAGE, type RemoteRequest, remoteRequest } from './remote-options.js';
import { thisPcHost } from './this-pc.js';

export const USAGE = `Usage: rdp-repair <command> [options]

Commands:
  scan                 check every item for the computer you cannot reach
  fix                  make the planned changes (one permission prompt for machine-wide ones)
  undo [RUN_ID]        undo a run (the last one when no id is given)
  recover [RUN_ID]     roll back a run that was interrupted (all of them when no id is given)
  report               a Markdown report to post on a forum
${PROBE_USAGE}
${FLEET_SCAN_USAGE}
  history              the runs in the journal, newest first (id, time, computer, state, changes)

Options:
  --host NAME          the computer you cannot reach (scan, fix, report)
  --this-pc            scan, fix: instead of --host, people cannot connect TO this PC: check it as the
                       computer others connect to (its Remote Desktop listener)
  --json               machine-readable output
  --dry-run            fix: show the plan, change nothing
  --simulate FILE      use the simulated machine in FILE (changes are saved back to FILE;
                       a shipped sample in sample-machines/ is copied to the data folder first)
  --real-network       with --simulate: name resolution, reachability and the handshake with the
                       remote computer use this computer's real network (otherwise they are simulated too)
  --data-dir DIR       where the journal lives (default: the app's data folder)
  --only ID[,ID]       only these repairs
${REMOTE_USAGE}
  --allow-irreversible fix: also make changes that cannot be undone
  --include-suggestions fix: also make the suggested changes (fixes that may help, with no evidence they are needed)
                       and, checking another computer, those for people who connect to this PC
  --restore-point      fix: create a system restore point first
  --out FILE           report: write to FILE instead of the screen
  --redact             report: replace host names, user names, IP addresses and certificate names
                       and thumbprints (a certificate keeps only its redacted CN)
  --version            the version of rdp-repair`;

const RunIdSchema = z
  .string()
  .regex(/^run-[0-9a-z-]{8,64}$/, 'is not a run id (such as run-20261120-101500-3f9a1c)');

const OnlySchema = z
  .string()
  .transform((text) =>
    text
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  )
  .pipe(z.array(RepairIdSchema).min(1, 'needs at least one repair id'));

const CommonSchema = z.object({
  json: z.boolean(),
  simulate: z.string().min(1).optional(),
  realNetwork: z.boolean(),
  dataDir: z.string().min(1).optional(),
});

export const CliCommandSchema = z.discriminatedUnion('command', [
  CommonSchema.extend({
    command: z.literal('scan'),
    host: HostInputSchema,
    thisPc: z.boolean(),
    only: OnlySchema.optional(),
  }),
  CommonSchema.extend({
    command: z.literal('fix'),
    host: HostInputSchema,
    thisPc: z.boolean(),
    only: OnlySchema.optional(),
    dryRun: z.boolean(),
    allowIrreversible: z.boolean(),
    includeSuggestions: z.boolean(),
    restorePoint: z.boolean(),
  }),
  CommonSchema.extend({ command: z.literal('undo'), runId: RunIdSchema.optional() }),
  CommonSchema.extend({ command: z.literal('recover'), runId: RunIdSchema.optional() }),
  CommonSchema.extend({ command: z.literal('history') }),
  CommonSchema.extend({
    command: z.literal('report'),
    host: HostInputSchema,
    out: z.string().min(1).optional(),
    redact: z.boolean(),
  }),
]);
/** `remote`: the machine is another computer, through PowerShell remoting (remote-options.ts). */
export type CliCommand = z.infer<typeof CliCommandSchema> & { remote?: RemoteRequest };

export type ParsedCli =
  | { ok: true; command: CliCommand }
  | { ok: true; help: true }
  | { ok: true; version: true; json: boolean }
  | { ok: false; message: string };

const OPTION_NAMES: Record<string, string> = {
  host: '--host',
  only: '--only',
  runId: 'the run id',
  simulate: '--simulate',
  dataDir: '--data-dir',
  out: '--out',
  command: 'the command',
};

type ParsedArgs = ReturnType<typeof parseArgs>;
type ArgValues = ParsedArgs['values'];

/** The options of node's parseArgs; every problem becomes one sentence. */
function readArgs(
  argv: readonly string[],
): { ok: true; parsed: ParsedArgs } | { ok: false; message: string } {
  try {
    const parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        host: { type: 'string' },
        json: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        simulate: { type: 'string' },
        'real-network': { type: 'boolean', default: false },
        'data-dir': { type: 'string' },
        only: { type: 'string' },
        'allow-irreversible': { type: 'boolean', default: false },
        'include-suggestions': { type: 'boolean', default: false },
        'restore-point': { type: 'boolean', default: false },
        out: { type: 'string' },
        redact: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        ...REMOTE_OPTIONS,
        version: { type: 'boolean', default: false },
        'this-pc': { type: 'boolean', default: false },
      },
    });
    return { ok: true, parsed };
  } catch (error) {
    const message = (error as Error).message;
    const ambiguous = /^Option '(--[\w-]+)' argument is ambiguous/.exec(message);
    if (ambiguous) {
      return {
        ok: false,
        message: `The value after ${ambiguous[1]} starts with a dash; if you mean it, write ${ambiguous[1]}=VALUE.`,
      };
    }
    // node's parseArgs messages can span lines; the CLI promises one sentence.
    const firstLine = (message.split('\n')[0] ?? message).replace(/\.$/, '');
    return { ok: false, message: `${firstLine}; see rdp-repair --help.` };
  }
}

/** The sentence when the command is missing or followed by more than its one run id (undo, recover). */
function commandProblem(positionals: readonly string[]): { ok: false; message: string } | undefined {
  const [command, ...rest] = positionals;
  if (command === undefined)
    return {
      ok: false,
      message: 'Name a command (scan, fix, undo, recover, report or history); see rdp-repair --help.',
    };
  const takesRunId = command === 'undo' || command === 'recover';
  if (rest.length > (takesRunId ? 1 : 0)) {
    return {
      ok: false,
      message: `Unexpected argument "${rest[takesRunId ? 1 : 0]}"; see rdp-repair --help.`,
    };
  }
  return undefined;
}

/** The one sentence for the first thing the command schema refused. */
function schemaProblem(
  error: z.ZodError,
  command: string,
  values: ArgValues,
): { ok: false; message: string } {
  const issue = error.issues[0];
  const field = String(issue?.path[0] ?? 'command');
  const name = OPTION_NAMES[field] ?? `--${field}`;
  if (field === 'command') {
    return {
      ok: false,
      message: `"${command}" is not a command; use scan, fix, undo, recover, report or history.`,
    };
  }
  if (field === 'host' && values.host === undefined) {
    return {
      ok: false,
      message: `The ${command} command needs --host NAME: the computer you cannot reach${command === 'report' ? '' : ' (or --this-pc when people cannot connect to this PC)'}.`,
    };
  }
  const problem = (issue?.message ?? 'is not valid').replace(/^Invalid input: /, '').replace(/\.$/, '');
  return { ok: false, message: `${name}: ${problem}.` };
}

/** Reads the command line; every problem becomes one sentence. */
export function parseCli(argv: readonly string[]): ParsedCli {
  const args = readArgs(argv);
  if (!args.ok) return args;
  const { values, positionals } = args.parsed;
  if (values.help || positionals[0] === 'help') return { ok: true, help: true };
  if (values.version) return { ok: true, version: true, json: values.json === true };
  const remote = remoteRequest(values);
  if (!remote.ok) return remote;
  const wrong = commandProblem(positionals);
  if (wrong) return wrong;
  const [command = '', ...rest] = positionals;
  const target = thisPcHost(command, values['this-pc'] === true, values.host);
  if (!target.ok) return target;
  const input = {
    command,
    json: values.json,
    simulate: values.simulate,
    realNetwork: values['real-network'],
    dataDir: values['data-dir'],
    host: target.host,
    thisPc: values['this-pc'],
    only: values.only,
    dryRun: values['dry-run'],
    allowIrreversible: values['allow-irreversible'],
    includeSuggestions: values['include-suggestions'],
    restorePoint: values['restore-point'],
    out: values.out,
    redact: values.redact,
    runId: rest[0],
  };
  const result = CliCommandSchema.safeParse(input);
  if (!result.success) return schemaProblem(result.error, command, values);
  return { ok: true, command: { ...result.data, ...(remote.remote ? { remote: remote.remote } : {}) } };
}
