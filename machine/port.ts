import type { Op, OpResult } from '../shared/ops.js';

export interface RunOptions {
  /**
   * `read`: every op runs and gets its own result. `write`: the batch stops at the first failure and the
   * ops after it get `skipped`, so the caller knows exactly which changes were made.
   */
  mode: 'read' | 'write';
  /** Run the batch with administrator rights (one UAC prompt on Windows). */
  elevated?: boolean;
  /** Checked before each op: the remaining ops get `cancelled`. */
  signal?: AbortSignal;
  /** Called after each op, for progress. */
  onOpDone?: (index: number, result: OpResult) => void;
  /**
   * For progress: `starting` when the port must first start its process (PowerShell) before this batch can
   * run, `running` when the batch goes to the machine. A port with nothing to start says only `running`.
   * Unelevated batches only: an elevated one is a process of its own behind a UAC prompt.
   */
  onStage?: (stage: 'starting' | 'running') => void;
}

/** The only door to Windows. One `run` call is one round trip, whatever the number of ops. */
export interface MachinePort {
  readonly kind: 'simulated' | 'powershell';
  /** Shown to the user, e.g. "Simulated machine: sample-machines/everything-broken.json". */
  readonly label: string;
  run(ops: readonly Op[], options: RunOptions): Promise<OpResult[]>;
  /**
   * Starts, in the background, what the first batch would have to start (PowerShell and the interpreter), so
   * the first check finds it ready. A batch sent meanwhile joins that start rather than begin another.
   * Resolves once ready or once starting failed (the next batch then says why); never rejects.
   */
  warmUp?(): Promise<void>;
  /**
   * Set when the machine is another computer reached through PowerShell remoting (machine/remote/): how, and
   * its name as the journal folder, messages and `--json` show it.
   */
  readonly remote?: { readonly via: 'ssh' | 'winrm'; readonly computer: string };
  /** Ends what a batch or `warmUp` started and starts nothing more (the command line, before it exits). */
  close?(): Promise<void>;
}
