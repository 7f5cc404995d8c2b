import { copyFileSync, existsSync, mkdirSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { ChangePreview } from '../engine/change-view.js';
import { machineLockFile } from '../engine/data-dir.js';
import { ownProcess, type ProcessIdentity, setWindowsStartReader } from '../engine/process-identity.js';
import { withRealNetwork } from '../engine/real-network-machine.js';
import { type BatchLogger, loggingPort } from '../machine/logging-port.js';
import type { MachinePort } from '../machine/port.js';
import { INTERPRETER_MODULE_FILE, INTERPRETER_MODULE_SHA256 } from '../machine/powershell/module-hashes.js';
import { powershellPreview } from '../machine/powershell/powershell-preview.js';
import {
  createNodePowerShellSession,
  createWindowsMachine,
} from '../machine/powershell/powershell-processes.js';
import { WINDOWS_POWERSHELL } from '../machine/powershell/windows-powershell-path.js';
import { windowsProcessStart } from '../machine/powershell/windows-process-start.js';
import { createRemoteMachine } from '../machine/remote/remote-machine.js';
import { type RemoteTarget, remoteComputer } from '../machine/remote/remote-target.js';
import { diagnoseSsh } from '../machine/remote/ssh-diagnosis.js';
import { openFileBackedMachine } from '../machine/simulated/file-backed-machine.js';
import { loadMachineFile } from '../machine/simulated/machine-file.js';
import { type SimulatedFaults, SimulatedMachine } from '../machine/simulated/simulated-machine.js';
import { realNetwork } from '../network/handshake-probe.js';
import type { NetworkPort } from '../network/port.js';
import { simulatedNetwork } from '../network/simulated-network.js';

/*
 * The one composition root. Every host (the Electron app in electron/, the command line in hosts/cli/, the web
 * demo in hosts/web-demo/) opens its world here: the machine port (a simulated machine, this PC's Windows
 * PowerShell, or another computer through PowerShell remoting), the network port (real or simulated), the clock,
 * the apply lock, the data folder, and the PowerShell preview the engine shows for each change (the engine
 * imports no interpreter). What differs per host comes in as its options; nothing here imports
 * Electron or reads the process's own location, so the same module works bundled into each host.
 */

/** What a host works with: the same shape for every host. */
export interface World {
  /** The machine port the engine works on (the app's reports every batch to its log). */
  port: MachinePort;
  /** The handshake with the remote computer: the machine file's for a simulated machine, unless real. */
  network: NetworkPort;
  /** The clock the engine diagnoses with: a simulated machine pins its own. */
  now: () => Date;
  /** The machine's one apply lock, whatever host or data folder a run uses. */
  lockFile: string;
  /** The journal and its backups. */
  dataDir: string;
  /** Said once to the user (a sample worked on as a copy, a remote computer's journal kept here), or undefined. */
  notice: string | undefined;
  /** Starts what a first batch would wait for (PowerShell), on the machine itself, not through the log. */
  warmUp: () => Promise<void>;
  /**
   * The PowerShell each planned change stands for (`ChangeView.powershellPreview`), for every machine: the
   * interpreter's own rendering, handed to the engine (EngineOptions.preview) by every host.
   */
  preview: ChangePreview;
}

/** The Electron app: the real machine on Windows, else (or with --demo) a copy of a sample machine. */
export interface AppWorldOptions {
  host: 'app';
  /** electron/security/machine-choice.ts: `powershell` only on Windows without --demo. */
  machine: 'powershell' | 'simulated';
  /** The folder the app shares with the CLI; the demo keeps its own `demo` folder inside it. */
  dataDir: string;
  /** The interpreter module and the elevated launcher (packaged: resources/powershell). */
  interpreterFolder: string;
  /** The demo's sample machines, first found wins; it is worked on as a copy in the data folder. */
  samples: readonly string[];
  /** The app window, which the UAC prompt belongs to (so it comes to the front). */
  ownerWindow: () => string | undefined;
  /** Every batch to the app's log. */
  log: BatchLogger;
}

/** The command line: --simulate FILE [--real-network], --remote, or the real machine on Windows. */
export interface CliWorldOptions {
  host: 'cli';
  /** --data-dir, or the default one. */
  dataDir: string;
  /** --simulate FILE. */
  simulate: string | undefined;
  /** --real-network: a simulated machine's network checks go to the real network. */
  realNetwork: boolean;
  /** --remote, already turned into a target (the password asked for, the ports checked). */
  remote: RemoteTarget | undefined;
  /** The installed package: the interpreter, the shipped samples and the pinned pwsh are inside it. */
  packageRoot: string;
  platform: NodeJS.Platform;
}

/** The web demo: a simulated machine held in memory, never saved to its file. */
export interface WebDemoWorldOptions {
  host: 'web-demo';
  /** --machine FILE; without it, the first of `samples` that is there. */
  machineFile: string | undefined;
  samples: readonly string[];
  /** The repository the demo runs from: the machine is labelled by its path in it. */
  packageRoot: string;
  /** --data-dir, or undefined for a fresh temporary folder (the demo removes it when it stops). */
  dataDir: string | undefined;
  /** e2e: --kill-after-write. */
  faults?: SimulatedFaults;
}

export type WorldOptions = AppWorldOptions | CliWorldOptions | WebDemoWorldOptions;

/** The machine a host works on, once chosen (chooseMachine). */
type MachineChoice =
  | {
      kind: 'simulated';
      file: string;
      /** `file`: every write saved back to the file; `memory`: loaded once, changes kept in memory. */
      keep: 'file' | 'memory';
      label?: string;
      faults?: SimulatedFaults;
      network: 'simulated' | 'real';
      notice?: string;
    }
  | { kind: 'windows'; interpreterFolder: string; ownerWindow?: () => string | undefined }
  | { kind: 'remote'; target: RemoteTarget; packageRoot: string; dataDir: string };

/** The machine part of a world. */
type OpenedMachine = Pick<World, 'port' | 'network' | 'now' | 'lockFile'> & { notice?: string };

/** The sample machines a demo starts from, first found wins (relative to the package root). */
export const DEMO_SAMPLE_MACHINES = [
  'sample-machines/everything-broken.json',
  'sample-machines/udp-enabled.json',
] as const;
/** The working copy of the app's demo machine, in its data folder. */
export const APP_DEMO_MACHINE_FILE = 'demo-machine.json';
const TEMPORARY_PREFIX = 'rdp-repair-demo-';

/** The data folder of one remote computer under this PC's data folder. */
export function remoteDataDir(dataDir: string, via: RemoteTarget['via'], computer: string): string {
  return join(dataDir, 'remote', `${via}-${computer.replace(/[^A-Za-z0-9.-]/g, '_')}`);
}

/**
 * The data folder: the app's real machine and the CLI share one folder (journal and lock seen by both); the
 * app's demo keeps a `demo` folder inside it, so a demo run can never be undone on the real machine; a remote
 * computer has its own folder under `remote/`; the web demo a fresh temporary folder unless told one.
 */
function dataFolder(options: WorldOptions): string {
  switch (options.host) {
    case 'app': {
      const folder = options.machine === 'powershell' ? options.dataDir : join(options.dataDir, 'demo');
      mkdirSync(folder, { recursive: true });
      return folder;
    }
    case 'cli':
      return options.remote
        ? remoteDataDir(options.dataDir, options.remote.via, remoteComputer(options.remote))
        : options.dataDir;
    case 'web-demo':
      return options.dataDir ?? mkdtempSync(join(tmpdir(), TEMPORARY_PREFIX));
  }
}

/** Copies `source` to `target` once; later opens reuse the copy, so fix, undo and recover see one machine. */
function workingCopy(source: string, target: string): string {
  if (!existsSync(target)) {
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(source, target);
  }
  return target;
}

/**
 * The CLI's --simulate FILE: a shipped sample (sample-machines/ in the package) is never changed, the CLI works on a
 * copy in the data folder; any other machine file is changed in place, as documented.
 */
function cliMachineFile(file: string, options: CliWorldOptions): { file: string; notice?: string } {
  const samples = join(options.packageRoot, 'sample-machines');
  const wanted = resolve(file);
  if (!existsSync(samples) || !existsSync(wanted)) return { file };
  const inside = relative(realpathSync(samples), realpathSync(wanted));
  if (inside.startsWith('..') || inside.includes(sep)) return { file };
  const copy = workingCopy(wanted, join(options.dataDir, 'simulated', basename(wanted)));
  return {
    file: copy,
    notice: `Working on a copy of the sample ${basename(wanted)} in ${copy}; the shipped sample stays as it is (delete the copy to start over).`,
  };
}

/** The CLI's machine: --remote, --simulate, or this PC (on Windows only). */
function cliMachine(options: CliWorldOptions, dataDir: string): MachineChoice {
  if (options.remote) {
    return { kind: 'remote', target: options.remote, packageRoot: options.packageRoot, dataDir };
  }
  if (options.simulate !== undefined) {
    const { file, notice } = cliMachineFile(options.simulate, options);
    const network = options.realNetwork ? 'real' : 'simulated';
    return { kind: 'simulated', file, keep: 'file', network, ...(notice ? { notice } : {}) };
  }
  if (options.platform !== 'win32') {
    throw new Error(
      'There is no Windows here to repair: use --simulate FILE to run against a simulated machine (samples are in sample-machines/).',
    );
  }
  return { kind: 'windows', interpreterFolder: interpreterFolder(options.packageRoot) };
}

function firstSample(samples: readonly string[]): string {
  const sample = samples.find((file) => existsSync(file));
  if (sample === undefined) throw new Error('No sample machine was found for the demo.');
  return sample;
}

/** The app's demo: a copy of the first sample found, in its data folder (the sample stays untouched). */
function appDemoMachine(options: AppWorldOptions, dataDir: string): MachineChoice {
  const target = join(dataDir, APP_DEMO_MACHINE_FILE);
  if (!existsSync(target)) workingCopy(firstSample(options.samples), target);
  const label = `Simulated machine (demo): ${target}`;
  return { kind: 'simulated', file: target, keep: 'file', label, network: 'simulated' };
}

/** The web demo: --machine FILE or its first sample, loaded once (each start begins from the file). */
function webDemoMachine(options: WebDemoWorldOptions): MachineChoice {
  const file = options.machineFile ?? firstSample(options.samples);
  const label = relative(options.packageRoot, file).split(sep).join('/');
  const faults = options.faults ? { faults: options.faults } : {};
  return { kind: 'simulated', file, keep: 'memory', label, network: 'simulated', ...faults };
}

/** The one place that chooses the machine, from the host's options. */
function chooseMachine(options: WorldOptions, dataDir: string): MachineChoice {
  switch (options.host) {
    case 'app':
      return options.machine === 'powershell'
        ? { kind: 'windows', interpreterFolder: options.interpreterFolder, ownerWindow: options.ownerWindow }
        : appDemoMachine(options, dataDir);
    case 'cli':
      return cliMachine(options, dataDir);
    case 'web-demo':
      return webDemoMachine(options);
  }
}

/** The interpreter module's folder in an installed package (machine/powershell). */
export function interpreterFolder(packageRoot: string): string {
  const folder = join(packageRoot, 'machine', 'powershell');
  if (!existsSync(join(folder, INTERPRETER_MODULE_FILE)))
    throw new Error('The PowerShell interpreter module is missing from this installation.');
  return folder;
}

/**
 * A simulated machine keeps the whole world simulated (nothing leaves this computer for a host the file does
 * not describe) unless the real network was asked for; the lock sits beside its file, so every run on it, from
 * any data folder, takes the same lock. One held in memory has no file to lock: its lock is in the data folder.
 */
function simulatedMachine(
  choice: Extract<MachineChoice, { kind: 'simulated' }>,
  dataDir: string,
): OpenedMachine {
  const options = {
    ...(choice.label === undefined ? {} : { label: choice.label }),
    ...(choice.faults === undefined ? {} : { faults: choice.faults }),
  };
  const machine =
    choice.keep === 'file'
      ? openFileBackedMachine(choice.file, options)
      : new SimulatedMachine(loadMachineFile(choice.file), options);
  const lockFile = choice.keep === 'file' ? `${choice.file}.lock` : join(dataDir, 'apply.lock');
  const now = () => machine.now();
  const notice = choice.notice === undefined ? {} : { notice: choice.notice };
  if (choice.network === 'real') {
    return { port: withRealNetwork(machine), network: realNetwork, now, lockFile, ...notice };
  }
  const network = simulatedNetwork(
    () => machine.snapshot().network.hosts,
    now,
    () => machine.snapshot().simulation.handshakeDelayMs,
  );
  return { port: machine, network, now, lockFile, ...notice };
}

/**
 * This PC's PowerShell, the remoting client: the project's pinned pwsh when present; else PowerShell 7 for
 * SSH (Windows PowerShell 5.1 has no SSH transport), Windows PowerShell by absolute path for WinRM on Windows.
 */
function localPowerShell(packageRoot: string, via: RemoteTarget['via']): string {
  const pinned = join(packageRoot, '.tools', 'pwsh', process.platform === 'win32' ? 'pwsh.exe' : 'pwsh');
  if (existsSync(pinned)) return pinned;
  if (via === 'winrm' && process.platform === 'win32') return WINDOWS_POWERSHELL;
  return 'pwsh';
}

/** The remote port, connected (the interpreter loaded there), or the port's one sentence why not. */
export async function connectRemote(
  target: RemoteTarget,
  folder: string,
  packageRoot: string,
): Promise<MachinePort | string> {
  const port = createRemoteMachine({
    target,
    modulePath: join(folder, INTERPRETER_MODULE_FILE),
    moduleSha256: INTERPRETER_MODULE_SHA256,
    createSession: () => createNodePowerShellSession(localPowerShell(packageRoot, target.via)),
    diagnose: (t) => (t.via === 'ssh' ? diagnoseSsh(t) : Promise.resolve(undefined)),
  });
  const refusal = await port.connect();
  if (refusal === undefined) return port;
  await port.close?.();
  return refusal;
}

/**
 * Another computer through PowerShell remoting, connected before anything else: a refused key or an unknown
 * host key is the host's one sentence. The journal and the lock stay on this PC, in that computer's folder.
 */
async function remoteMachine(choice: Extract<MachineChoice, { kind: 'remote' }>): Promise<OpenedMachine> {
  const { target, packageRoot, dataDir } = choice;
  const port = await connectRemote(target, interpreterFolder(packageRoot), packageRoot);
  if (typeof port === 'string') throw new Error(port);
  const via = target.via === 'ssh' ? 'SSH' : 'WinRM';
  return {
    port,
    network: realNetwork,
    now: () => new Date(),
    lockFile: join(dataDir, 'apply.lock'),
    notice: `Working on ${remoteComputer(target)} through PowerShell remoting (${via}); its journal is kept here in ${dataDir}.`,
  };
}

/** The machine a choice names, with its network, clock and lock. */
async function openMachine(choice: MachineChoice, dataDir: string): Promise<OpenedMachine> {
  switch (choice.kind) {
    case 'simulated':
      return simulatedMachine(choice, dataDir);
    case 'windows':
      // This PC: the real network, the real clock, and the lock every user of this PC shares.
      return {
        port: createWindowsMachine(choice.interpreterFolder, choice.ownerWindow),
        network: realNetwork,
        now: () => new Date(),
        lockFile: machineLockFile(),
      };
    case 'remote':
      return remoteMachine(choice);
  }
}

/** Opens a host's world: its data folder, the machine it chose, that machine's network, clock and lock. */
export async function openWorld(options: WorldOptions): Promise<World> {
  const dataDir = dataFolder(options);
  const opened = await openMachine(chooseMachine(options, dataDir), dataDir);
  const machine = opened.port;
  return {
    port: options.host === 'app' ? loggingPort(machine, options.log) : machine,
    network: opened.network,
    now: opened.now,
    lockFile: opened.lockFile,
    dataDir,
    notice: opened.notice,
    // The machine itself, not the logging wrapper: the warm-up is no batch of the user's.
    warmUp: async () => machine.warmUp?.(),
    preview: powershellPreview,
  };
}

/**
 * This process's identity (pid and start), with Windows' start reader handed to the engine first: on Windows the
 * start is read through Windows PowerShell (machine/powershell/windows-process-start.ts), which the engine may
 * not start itself. Hosts that take the apply lock call this early, in the background.
 */
export function ownProcessIdentity(): Promise<ProcessIdentity> {
  setWindowsStartReader(windowsProcessStart);
  return ownProcess();
}
