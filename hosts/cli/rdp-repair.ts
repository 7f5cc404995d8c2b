import { defaultDataDir } from '../../engine/data-dir.js';
import { ownProcessIdentity } from '../composition-root.js';
import { terminalPasswordPrompt } from './ask-password.js';
import { type CliCommand, parseCli, USAGE } from './cli-options.js';
import { field, terminalText } from './cli-output.js';
import { isEntryPoint } from './entry-point.js';
import { EXIT, EXIT_CODES_HELP } from './exit-codes.js';
import { runFleetScanCommand } from './fleet-scan.js';
import { runHistory } from './history-command.js';
import { type CliIo, type MachineCommand, runCommand } from './machine-commands.js';
import { openMachine } from './open-machine.js';
import { runProbeCommand } from './probe-command.js';
import { versionText } from './version.js';

// Every message can carry machine text: what the terminal shows never acts on it (terminalText).
const processIo: CliIo = {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${terminalText(text)}\n`),
  ...(process.stderr.isTTY
    ? { progress: (text: string) => process.stderr.write(`${terminalText(text)}\n`) }
    : {}),
};

/**
 * Every message on stderr and every progress line is one line: a line break inside it (a path, a run id, a
 * message that quotes the machine) shows as an escape instead of starting a line of its own.
 */
function oneLineMessages(io: CliIo): CliIo {
  const { progress } = io;
  return {
    stdout: io.stdout,
    stderr: (text) => io.stderr(field(text)),
    ...(progress ? { progress: (text: string) => progress(field(text)) } : {}),
  };
}

function oneSentence(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ').trim();
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Whether the command takes the apply lock, which records this process's start (on Windows, one PowerShell). */
function takesLock(command: CliCommand): boolean {
  return (
    (command.command === 'fix' && !command.dryRun) ||
    command.command === 'undo' ||
    command.command === 'recover'
  );
}

/** Opens the command's world through the composition root, runs the command on it, and closes it. */
async function run(command: MachineCommand, io: CliIo): Promise<number> {
  const password = terminalPasswordPrompt();
  const world = await openMachine(
    {
      dataDir: command.dataDir ?? defaultDataDir(),
      simulate: command.simulate,
      realNetwork: command.realNetwork,
      remote: command.remote,
    },
    password ? { password } : {},
  );
  if (world.notice) io.stderr(world.notice);
  // PowerShell starts now, in the background: while the journal is read and the handshake with the remote
  // computer runs, the check's batch then joins a start already under way.
  void world.warmUp();
  if (takesLock(command)) void ownProcessIdentity();
  try {
    return await runCommand(command, io, world);
  } finally {
    // The session's process would keep this one alive after the command is done.
    await world.port.close?.();
  }
}

/** The `rdp-repair` command; returns the exit code. Errors go to stderr as one sentence. */
export async function main(argv: readonly string[], terminal: CliIo = processIo): Promise<number> {
  const io = oneLineMessages(terminal);
  // The fleet probe opens no machine and has options of its own (probe-command.ts).
  if (argv[0] === 'probe') return runProbeCommand(argv.slice(1), io);
  // A fleet over PowerShell remoting: many computers, one result each, nothing fixed (fleet-scan.ts).
  if (argv[0] === 'scan' && argv.includes('--hosts-file')) return runFleetScanCommand(argv.slice(1), io);
  const parsed = parseCli(argv);
  if (!parsed.ok) {
    io.stderr(parsed.message);
    return EXIT.failure;
  }
  if ('help' in parsed) {
    io.stdout(`${USAGE}\n\n${EXIT_CODES_HELP}`);
    return EXIT.ok;
  }
  if ('version' in parsed) {
    io.stdout(versionText(parsed.json));
    return EXIT.ok;
  }
  try {
    const { command } = parsed;
    // The journal alone: no machine to open, so it works anywhere the data folder is.
    if (command.command === 'history')
      return await runHistory(command.dataDir ?? defaultDataDir(), command.json, io);
    return await run(command, io);
  } catch (error) {
    io.stderr(oneSentence(error));
    return EXIT.failure;
  }
}

if (isEntryPoint(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
