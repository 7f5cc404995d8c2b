import {
  credentialTargetRefusal,
  elevatedWriteRefusal,
  fileNameRefusal,
  REGISTRY_WRITE_OPS,
  registryPathRefusal,
  userScopeRefusal,
} from '../../shared/machine-allow-list.js';
import {
  type MachineDescription,
  type MachineDescriptionInput,
  MachineDescriptionSchema,
} from '../../shared/machine-description.js';
import { isReadOp, type Op, type OpResult, OpSchema } from '../../shared/ops.js';
import type { MachinePort, RunOptions } from '../port.js';
import { failure, type Outcome, type SimulatedOpContext } from './ops/common.js';
import { dispatchSimulatedOp } from './simulated-dispatch.js';
import { joinWindowsPath, SimulatedFiles } from './simulated-files.js';
import { SimulatedRegistry } from './simulated-registry.js';
import { guardValueWrite } from './simulated-values-before.js';

export { SIMULATED_DPAPI } from './ops/credentials.js';

/**
 * Faults for crash and failure tests. Each number is the 1-based count of write ops (every op that is not a
 * read op) executed over the machine's life.
 */
export interface SimulatedFaults {
  /** That op fails with code `failed` and changes nothing. */
  failOnWrite?: number;
  /** That op never settles until the run's signal aborts (then it is `cancelled`). */
  hangOnWrite?: number;
  /** `onKill` is called right after that op's effect is applied and saved. */
  killAfterWrite?: number;
  /** Default: SIGKILL this process, as a power cut would. */
  onKill?: () => void;
}

export interface SimulatedMachineOptions {
  label?: string;
  faults?: SimulatedFaults;
}

const CANCELLED = failure('cancelled', 'Cancelled before this step ran.');
const SKIPPED = failure('skipped', 'Not run because an earlier step in the same batch failed.');

function interpreterRefusal(op: Op, elevatedBatch: boolean) {
  const scope = userScopeRefusal(op.op, elevatedBatch);
  if (scope) return scope;
  if ('path' in op) {
    const path = registryPathRefusal(
      op.path,
      elevatedBatch,
      (REGISTRY_WRITE_OPS as readonly string[]).includes(op.op),
    );
    if (path) return path;
  }
  const elevatedWrite = elevatedWriteRefusal(op, elevatedBatch);
  if (elevatedWrite) return elevatedWrite;
  if ('path' in op) return null;
  if (op.op.startsWith('file.') && 'name' in op) return fileNameRefusal(op.name);
  if ('target' in op) return credentialTargetRefusal(op.op, op.target);
  return null;
}

function killThisProcess(): void {
  process.kill(process.pid, 'SIGKILL');
}

/** An in-memory Windows machine that implements every op of shared/ops.ts, for tests, the CLI and the demo. */
export class SimulatedMachine implements MachinePort {
  readonly kind = 'simulated' as const;
  readonly label: string;
  /** Hosts passed to app.launchMstsc, in order. */
  readonly launches: string[] = [];
  /** Descriptions of the restore points created, in order. */
  readonly restorePoints: string[] = [];

  private readonly state: MachineDescription;
  private readonly registry: SimulatedRegistry;
  private readonly files: SimulatedFiles;
  private readonly faults: SimulatedFaults;
  private writesExecuted = 0;
  private readonly openedAt = Date.now();

  constructor(description: MachineDescriptionInput, options: SimulatedMachineOptions = {}) {
    this.state = structuredClone(MachineDescriptionSchema.parse(description));
    this.registry = new SimulatedRegistry(this.state.registry);
    this.files = new SimulatedFiles(this.state.files);
    this.label = options.label ?? 'Simulated machine';
    this.faults = options.faults ?? {};
  }

  /**
   * The machine's clock: `simulation.now` advancing in real time from when the machine was opened, or the real
   * time. Sample machines pin it so their events and certificates age the same way on every run.
   */
  now(): Date {
    const pinned = this.state.simulation.now;
    if (pinned === undefined) return new Date();
    return new Date(Date.parse(pinned) + (Date.now() - this.openedAt));
  }

  /** The machine as it is now, as a machine description. */
  snapshot(): MachineDescription {
    return structuredClone({
      ...this.state,
      registry: this.registry.snapshot(),
      files: this.files.snapshot(),
    });
  }

  /** Nothing to start: the simulated machine is in this process. */
  async warmUp(): Promise<void> {}

  async run(ops: readonly Op[], options: RunOptions): Promise<OpResult[]> {
    // Nothing to start: the simulated machine is in this process.
    if (options.elevated !== true) options.onStage?.('running');
    const declined =
      options.elevated === true && !this.state.os.elevated && this.state.simulation.uacAnswer === 'no';
    const elevated = this.state.os.elevated || options.elevated === true;
    const results: OpResult[] = [];
    let stopped = false;
    for (const [index, op] of ops.entries()) {
      let result: Outcome;
      if (declined) {
        result = failure(
          'permission-not-granted',
          'The administrator prompt was declined, so nothing was changed.',
        );
      } else if (options.signal?.aborted) {
        result = CANCELLED;
      } else if (stopped) {
        result = SKIPPED;
      } else {
        result = await this.runOne(op, elevated, options.elevated === true, options.signal);
      }
      if (!result.ok && options.mode === 'write') stopped = true;
      results.push(structuredClone(result));
      options.onOpDone?.(index, structuredClone(result));
    }
    return results;
  }

  /** Called after every write op that succeeded; the file-backed machine saves itself here. */
  protected persist(): void {}

  private async runOne(
    input: unknown,
    elevated: boolean,
    elevatedBatch: boolean,
    signal: AbortSignal | undefined,
  ): Promise<Outcome> {
    const parsed = OpSchema.safeParse(input);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'op'}: ${i.message}`).join('; ');
      return failure('invalid-argument', `Invalid op (${detail}).`);
    }
    const op = parsed.data;
    // The interpreter's own checks, from the same allow-list, in the same order. The batch's flag, not the
    // process's rights, decides: a machine-wide write outside the elevated batch is refused even when this
    // process holds an administrator's token, and the elevated batch may name only what the templates need.
    const refusal = interpreterRefusal(op, elevatedBatch);
    if (refusal) return failure(refusal.code, refusal.message);
    if (isReadOp(op)) return this.execute(op, elevated);
    const guarded = guardValueWrite(this.registry, op, elevatedBatch);
    if (guarded?.refusal) return failure(guarded.refusal.code, guarded.refusal.message);

    this.writesExecuted += 1;
    const count = this.writesExecuted;
    if (count === this.faults.failOnWrite) return failure('failed', `Injected failure on write op ${count}.`);
    if (count === this.faults.hangOnWrite) {
      await new Promise<void>((resolve) =>
        signal?.addEventListener('abort', () => resolve(), { once: true }),
      );
      return CANCELLED;
    }
    guarded?.before();
    const result = this.execute(op, elevated);
    if (result.ok) {
      guarded?.after();
      this.persist();
      if (count === this.faults.killAfterWrite) (this.faults.onKill ?? killThisProcess)();
    }
    return result;
  }

  /** One op, through the dispatch table (simulated-dispatch.ts), as Dispatch.ps1 runs it. */
  private execute(op: Op, elevated: boolean): Outcome {
    const context: SimulatedOpContext = {
      state: this.state,
      registry: this.registry,
      files: this.files,
      launches: this.launches,
      restorePoints: this.restorePoints,
      elevated,
      now: () => this.now(),
      documentsPath: (name) => joinWindowsPath(this.state.os.documentsFolder, name),
    };
    return dispatchSimulatedOp(op, context);
  }
}
