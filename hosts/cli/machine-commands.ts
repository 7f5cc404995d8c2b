import { writeFileSync } from 'node:fs';
import { RepairEngine } from '../../engine/engine.js';
import { forumReportInput } from '../../engine/forum-report-input.js';
import { renderForumReport } from '../../engine/report/forum-report.js';
import { type CountingPort, countingPort } from '../../machine/counting-port.js';
import type { RepairId } from '../../shared/findings.js';
import type { UndoReport } from '../../shared/ipc.js';
import type { Question } from '../../shared/question.js';
import type { ScanProgress } from '../../shared/scan-progress.js';
import type { World } from '../composition-root.js';
import type { CliCommand } from './cli-options.js';
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
import { EXIT, finishCheck } from './exit-codes.js';
import { jsonDocument } from './json-document.js';
import { withRemote } from './open-remote.js';
import { scanProgressLines } from './scan-progress-lines.js';
import { THIS_PC_WORDS } from './this-pc.js';

/*
 * The commands that work on a machine (scan, fix, undo, recover, report), each a step of its own over one
 * engine on the world the command line opened.
 */

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Progress lines while something takes time; only where someone watches (an interactive stderr). */
  progress?: (text: string) => void;
}

/** Every command but history works on a machine. */
export type MachineCommand = Exclude<CliCommand, { command: 'history' }>;

/** What every command step works with. */
interface CommandContext {
  engine: RepairEngine;
  /** The world's machine, counting what the command asked of it (`stats`). */
  machine: CountingPort;
  io: CliIo;
  /** Prints the JSON document (--json) or the text. */
  print: (json: Record<string, unknown>, text: string) => void;
  /** The incoming question (--this-pc), or the outgoing one (engine/incoming-question.ts). */
  question: Question;
  only: readonly RepairId[] | undefined;
}

type Command<C extends MachineCommand['command']> = Extract<MachineCommand, { command: C }>;

function commandContext(command: MachineCommand, io: CliIo, world: World): CommandContext {
  const machine = countingPort(world.port);
  const thisPc = (command.command === 'scan' || command.command === 'fix') && command.thisPc;
  const engine = new RepairEngine({
    machine,
    network: world.network,
    dataDir: world.dataDir,
    lockFile: world.lockFile,
    now: world.now,
    preview: world.preview,
  });
  const print = (json: Record<string, unknown>, text: string): void =>
    io.stdout(
      command.json ? terminalJson(jsonDocument(withRemote(json, world.port.remote))) : terminalText(text),
    );
  const only = 'only' in command && command.only ? command.only : undefined;
  return { engine, machine, io, print, question: thisPc ? 'incoming' : 'outgoing', only };
}

/** A journal that cannot be read, and (but for recover) every run that was interrupted, said first. */
async function warnAboutJournal(command: MachineCommand, { engine, io }: CommandContext): Promise<void> {
  for (const corrupt of engine.corruptJournals()) io.stderr(`Warning: ${corrupt.message}`);
  if (command.command === 'recover') return;
  for (const run of await engine.unfinished()) {
    io.stderr(
      `Warning: the run ${run.runId} was interrupted; roll it back with: rdp-repair recover ${run.runId}`,
    );
  }
}

/** Runs one machine command on the world; returns the exit code. */
export async function runCommand(command: MachineCommand, io: CliIo, world: World): Promise<number> {
  const context = commandContext(command, io, world);
  await warnAboutJournal(command, context);
  switch (command.command) {
    case 'scan':
      return runScan(command, context);
    case 'fix':
      return command.dryRun ? runFixDryRun(command, context) : runFix(command, context);
    case 'undo':
      return runUndo(command, context);
    case 'recover':
      return runRecover(command, context);
    case 'report':
      return runReport(command, context);
  }
}

async function runScan(command: Command<'scan'>, context: CommandContext): Promise<number> {
  const { engine, machine, io, print, question, only } = context;
  const thisPc = question === 'incoming';
  const progress = io.progress;
  const lines = scanProgressLines(thisPc ? `Checking ${THIS_PC_WORDS.checked}…` : undefined);
  const onProgress =
    progress && !command.json
      ? (event: ScanProgress) => {
          for (const line of lines(event)) progress(line);
        }
      : undefined;
  const { report } = await engine.scan(command.host, only, onProgress, question);
  print(
    {
      command: 'scan',
      question,
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

/** What `fix` chooses to change: the repairs named, and the consents given on the command line. */
function fixSelection(command: Command<'fix'>, { only, question }: CommandContext) {
  return {
    host: command.host,
    question,
    ...(only ? { only } : {}),
    allowIrreversible: command.allowIrreversible ? ('all' as const) : [],
    // A repair named in --only is chosen, suggestion or not: the user named it, as a card's own Fix does.
    includeSuggestions: command.includeSuggestions || command.only ? ('all' as const) : [],
  };
}

async function runFixDryRun(command: Command<'fix'>, context: CommandContext): Promise<number> {
  const { engine, machine, io, print } = context;
  const { report, plan } = await engine.dryRun(fixSelection(command, context));
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

async function runFix(command: Command<'fix'>, context: CommandContext): Promise<number> {
  const { engine, machine, io, print } = context;
  const report = await engine.apply({
    ...fixSelection(command, context),
    restorePoint: command.restorePoint,
  });
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

async function runUndo(command: Command<'undo'>, { engine, machine, io, print }: CommandContext) {
  const report = await engine.undo(command.runId);
  print({ command: 'undo', ...report, stats: machine.stats() }, formatUndo(report));
  return finishUndo(report, io);
}

/**
 * A run that stopped with changes that may be in place: a connection to a remote computer lost mid-batch, whose
 * own rollback could not reconnect. The remote port's sentence sends the user to `recover`, so recover takes it
 * when nothing is interrupted, putting back what it recorded as its undo does.
 */
function stoppedRun(engine: RepairEngine): string | undefined {
  return engine.history().find((run) => run.state === 'failed' && run.undoable)?.runId;
}

async function runRecover(command: Command<'recover'>, { engine, machine, io, print }: CommandContext) {
  const runIds = command.runId ? [command.runId] : (await engine.unfinished()).map((r) => r.runId);
  const reports: UndoReport[] = [];
  const stopped = command.runId || runIds.length > 0 ? undefined : stoppedRun(engine);
  if (stopped) reports.push(await engine.undo(stopped));
  for (const runId of runIds) reports.push(await engine.recover(runId));
  print(
    { command: 'recover', runs: reports, stats: machine.stats() },
    reports.length === 0 ? 'No interrupted run: nothing to roll back.' : reports.map(formatUndo).join('\n'),
  );
  const failed = reports.find((r) => r.outcome !== 'undone');
  return failed ? finishUndo(failed, io) : EXIT.ok;
}

async function runReport(command: Command<'report'>, { engine, machine, io, print }: CommandContext) {
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

function finishUndo(report: UndoReport, io: CliIo): number {
  if (report.outcome === 'undone' || report.outcome === 'nothing-to-undo') return EXIT.ok;
  io.stderr(report.message);
  return EXIT.failure;
}
