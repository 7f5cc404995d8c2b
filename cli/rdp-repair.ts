import { writeFileSync } from 'node:fs';
import { defaultDataDir } from '../engine/data-dir.js';
import { RepairEngine } from '../engine/engine.js';
import { forumReportInput } from '../engine/forum-report-input.js';
import { ownProcess } from '../engine/process-identity.js';
import { renderForumReport } from '../engine/report/forum-report.js';
import { countingPort } from '../machine/counting-port.js';
import type { ScanReport, UndoReport } from '../shared/ipc.js';
import type { ScanProgress } from '../shared/scan-progress.js';
import { terminalPasswordPrompt } from './ask-password.js';
import { type CliCommand, parseCli, USAGE } from './cli-options.js';
import {
  field,
  formatApply,
  formatPlan,
  formatScan,
  formatUndo,
  repairsById,
  terminalJson,
  terminalText,
} from './cli-output.js';
import { isEntryPoint } from './entry-point.js';
import { EXIT, EXIT_CODES_HELP, finishCheck } from './exit-codes.js';
import { runHistory } from './history-command.js';
import { jsonDocument } from './json-document.js';
import { type OpenedMachine, openMachine } from './open-machine.js';
import { openRemote, withRemote } from './open-remote.js';
import { runProbeCommand } from './probe-command.js';
import { scanProgressLines } from './scan-progress-lines.js';
import { asThisPcReport, THIS_PC_REPAIRS, THIS_PC_WORDS } from './this-pc.js';
import { versionText } from './version.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Progress lines while something takes time; only where someone watches (an interactive stderr). */
  progress?: (text: string) => void;
}

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

/** Every command but history works on a machine. */
type MachineCommand = Exclude<CliCommand, { command: 'history' }>;

async function run(command: MachineCommand, io: CliIo): Promise<number> {
  const baseDir = command.dataDir ?? defaultDataDir();
  const password = terminalPasswordPrompt();
  const { opened, dataDir } = command.remote
    ? await openRemote(command.remote, baseDir, password ? { password } : {})
    : { opened: openMachine(command.simulate, command.realNetwork, baseDir), dataDir: baseDir };
  if (opened.notice) io.stderr(opened.notice);
  // PowerShell starts now, in the background: while the journal is read and the handshake with the remote
  // computer runs, the check's batch then joins a start already under way.
  void opened.port.warmUp?.();
  if (takesLock(command)) void ownProcess();
  try {
    return await runCommand(command, io, opened, dataDir);
  } finally {
    // The session's process would keep this one alive after the command is done.
    await opened.port.close?.();
  }
}

async function runCommand(
  command: MachineCommand,
  io: CliIo,
  opened: OpenedMachine,
  dataDir: string,
): Promise<number> {
  const machine = countingPort(opened.port);
  // The incoming question has no other computer to talk to (cli/this-pc.ts says what the engine still lacks).
  const thisPc = (command.command === 'scan' || command.command === 'fix') && command.thisPc;
  const engine = new RepairEngine({
    machine,
    network: thisPc ? undefined : opened.network,
    dataDir,
    lockFile: opened.lockFile,
    now: opened.now,
  });
  const print = (json: Record<string, unknown>, text: string): void =>
    io.stdout(
      command.json ? terminalJson(jsonDocument(withRemote(json, opened.port.remote))) : terminalText(text),
    );
  const only = 'only' in command && command.only ? command.only : thisPc ? THIS_PC_REPAIRS : undefined;
  const worded = (report: ScanReport): ScanReport => (thisPc ? asThisPcReport(report) : report);
  for (const corrupt of engine.corruptJournals()) io.stderr(`Warning: ${corrupt.message}`);
  if (command.command !== 'recover') {
    for (const run of await engine.unfinished()) {
      io.stderr(
        `Warning: the run ${run.runId} was interrupted; roll it back with: rdp-repair recover ${run.runId}`,
      );
    }
  }

  switch (command.command) {
    case 'scan': {
      const progress = io.progress;
      const lines = scanProgressLines(thisPc ? `Checking ${THIS_PC_WORDS.checked}…` : undefined);
      const onProgress =
        progress && !command.json
          ? (event: ScanProgress) => {
              for (const line of lines(event)) progress(line);
            }
          : undefined;
      const report = worded((await engine.scan(command.host, only, onProgress)).report);
      print(
        {
          command: 'scan',
          question: thisPc ? 'incoming' : 'outgoing',
          host: report.host,
          verdict: report.verdict,
          mode: report.mode,
          handshake: report.handshake ?? null,
          machine: machine.label,
          repairs: repairsById(report.findings),
          findings: report.findings,
          changes: report.changes,
          stats: machine.stats(),
        },
        formatScan(report, thisPc ? THIS_PC_WORDS : undefined),
      );
      return finishCheck(report, io.stderr);
    }
    case 'fix': {
      const selection = {
        host: command.host,
        ...(only ? { only } : {}),
        allowIrreversible: command.allowIrreversible ? ('all' as const) : [],
        // A repair named in --only is chosen, suggestion or not: the user named it, as a card's own Fix does.
        includeSuggestions: command.includeSuggestions || command.only ? ('all' as const) : [],
      };
      if (command.dryRun) {
        const { report: scanned, plan } = await engine.dryRun(selection);
        const report = worded(scanned);
        print(
          {
            command: 'fix',
            dryRun: true,
            host: report.host,
            verdict: report.verdict,
            repairs: repairsById(report.findings),
            changes: plan.changes,
            skipped: plan.skipped.map((s) => ({ changeId: s.change.id, reason: s.reason })),
            stats: machine.stats(),
          },
          formatPlan(report, plan),
        );
        return plan.changes.length > 0 ? EXIT.problems : finishCheck(report, io.stderr);
      }
      const applied = await engine.apply({ ...selection, restorePoint: command.restorePoint });
      const report = applied.verification
        ? { ...applied, verification: worded(applied.verification) }
        : applied;
      const findings = report.verification?.findings ?? [];
      print(
        {
          command: 'fix',
          runId: report.runId,
          outcome: report.outcome,
          message: report.message,
          verdict: report.verification?.verdict ?? null,
          repairs: repairsById(findings),
          changes: report.changes,
          restorePoint: report.restorePoint ?? null,
          nextSteps: report.nextSteps,
          stats: machine.stats(),
        },
        formatApply(report, machine.stats()),
      );
      if (report.outcome !== 'done' && report.outcome !== 'nothing-to-do') {
        io.stderr(report.message);
        return EXIT.failure;
      }
      return report.verification ? finishCheck(report.verification, io.stderr) : EXIT.ok;
    }
    case 'undo': {
      const report = await engine.undo(command.runId);
      print({ command: 'undo', ...report, stats: machine.stats() }, formatUndo(report));
      return finishUndo(report, io);
    }
    case 'recover': {
      const runIds = command.runId ? [command.runId] : (await engine.unfinished()).map((r) => r.runId);
      const reports: UndoReport[] = [];
      for (const runId of runIds) reports.push(await engine.recover(runId));
      print(
        { command: 'recover', runs: reports, stats: machine.stats() },
        reports.length === 0
          ? 'No interrupted run: nothing to roll back.'
          : reports.map(formatUndo).join('\n'),
      );
      const failed = reports.find((r) => r.outcome !== 'undone');
      return failed ? finishUndo(failed, io) : EXIT.ok;
    }
    case 'report': {
      const { outcome } = await engine.scan(command.host);
      const markdown = renderForumReport(forumReportInput(outcome, engine.history(), new Date()), {
        redact: command.redact,
      });
      if (command.out) {
        writeFileSync(command.out, markdown);
        print(
          { command: 'report', out: command.out, stats: machine.stats() },
          `Report written to ${field(command.out)}.`,
        );
      } else if (command.json) print({ command: 'report', markdown, stats: machine.stats() }, markdown);
      else io.stdout(terminalText(markdown));
      return EXIT.ok;
    }
  }
}

function finishUndo(report: UndoReport, io: CliIo): number {
  if (report.outcome === 'undone' || report.outcome === 'nothing-to-undo') return EXIT.ok;
  io.stderr(report.message);
  return EXIT.failure;
}

/** The `rdp-repair` command; returns the exit code. Errors go to stderr as one sentence. */
export async function main(argv: readonly string[], terminal: CliIo = processIo): Promise<number> {
  const io = oneLineMessages(terminal);
  // The fleet probe opens no machine and has options of its own (probe-command.ts).
  if (argv[0] === 'probe') return runProbeCommand(argv.slice(1), io);
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
