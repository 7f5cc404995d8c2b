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
import {
  isReadOp,
  type Op,
  type OpError,
  type OpErrorCode,
  type OpResult,
  OpSchema,
} from '../../shared/ops.js';
import type { MachinePort, RunOptions } from '../port.js';
import {
  issueRemoteDesktopCertificate,
  listCertificates,
  removeCertificate,
} from './simulated-certificates.js';
import { queryEvents } from './simulated-events.js';
import { joinWindowsPath, SimulatedFiles } from './simulated-files.js';
import { listenersOn } from './simulated-listeners.js';
import { probeTcp, resolveHost } from './simulated-network.js';
import { SimulatedRegistry } from './simulated-registry.js';
import { guardValueWrite } from './simulated-values-before.js';

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

type Outcome = { ok: true; value: unknown } | { ok: false; error: OpError };

function failure(code: OpErrorCode, message: string): { ok: false; error: OpError } {
  return { ok: false, error: { code, message } };
}

const CANCELLED = failure('cancelled', 'Cancelled before this step ran.');
const SKIPPED = failure('skipped', 'Not run because an earlier step in the same batch failed.');

function findByName<T>(record: Record<string, T>, name: string): [string, T] | undefined {
  return Object.entries(record).find(([key]) => key.toLowerCase() === name.toLowerCase());
}

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

// DPAPI stands in as a marked encoding: the simulated machine has no user key to protect with.
// A file that names no secret keeps naming none after a restore.
export const SIMULATED_DPAPI = 'rdp-repair-simulated-dpapi:';
function simulatedProtect(secret: string | undefined): string {
  return Buffer.from(`${SIMULATED_DPAPI}${JSON.stringify({ secret: secret ?? null })}`, 'utf8').toString(
    'base64',
  );
}
function simulatedUnprotect(blob: string): { secret: string | null } | undefined {
  const text = Buffer.from(blob, 'base64').toString('utf8');
  if (!text.startsWith(SIMULATED_DPAPI)) return undefined;
  try {
    const parsed = JSON.parse(text.slice(SIMULATED_DPAPI.length)) as { secret: unknown };
    return typeof parsed.secret === 'string' || parsed.secret === null
      ? { secret: parsed.secret }
      : undefined;
  } catch {
    return undefined;
  }
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

  private documentsPath(name: string): string {
    return joinWindowsPath(this.state.os.documentsFolder, name);
  }

  private execute(op: Op, elevated: boolean): Outcome {
    const ok = (value: unknown): Outcome => ({ ok: true, value });
    switch (op.op) {
      case 'registry.readValue': {
        const value = this.registry.readValue(op.path, op.name);
        return ok(value ? { exists: true, value } : { exists: false });
      }
      case 'registry.readKey': {
        const tree = this.registry.readKey(op.path);
        return ok(tree ? { exists: true, tree } : { exists: false });
      }
      case 'registry.setValue':
        this.registry.setValue(op.path, op.name, op.value);
        return ok(null);
      case 'registry.deleteValue':
        this.registry.deleteValue(op.path, op.name);
        return ok(null);
      case 'registry.deleteKey':
        this.registry.deleteKey(op.path);
        return ok(null);
      case 'registry.deleteEmptyKey':
        this.registry.deleteEmptyKey(op.path);
        return ok(null);
      case 'registry.writeKey':
        this.registry.writeKey(op.path, op.tree);
        return ok(null);
      case 'file.read': {
        const file = this.files.read(this.documentsPath(op.name));
        return ok(
          file
            ? { exists: true, contentBase64: file.bytes.toString('base64'), attributes: file.attributes }
            : { exists: false },
        );
      }
      case 'file.write':
        this.files.write(this.documentsPath(op.name), Buffer.from(op.contentBase64, 'base64'), op.attributes);
        return ok(null);
      case 'file.delete':
        this.files.delete(this.documentsPath(op.name));
        return ok(null);
      case 'file.setAttributes':
        return this.files.setAttributes(this.documentsPath(op.name), op.attributes)
          ? ok(null)
          : failure('not-found', `There is no file named ${op.name} in Documents.`);
      case 'credential.list':
        // Target, type and user only: a secret never leaves the list.
        return ok(
          this.state.credentials
            .filter((c) => c.target.toLowerCase().startsWith(op.targetPrefix.toLowerCase()))
            .map(({ target, type, user }) => ({ target, type, user })),
        );
      case 'credential.read': {
        const found = this.state.credentials.find(
          (c) => c.target.toLowerCase() === op.target.toLowerCase() && c.type === 'Generic',
        );
        if (!found) return ok({ exists: false });
        return ok({
          exists: true,
          user: found.user,
          persist: 2,
          protectedSecretBase64: simulatedProtect(found.secret),
        });
      }
      case 'credential.write': {
        const unprotected = simulatedUnprotect(op.protectedSecretBase64);
        if (unprotected === undefined) {
          return failure('failed', 'The saved password was not protected for this user on this computer.');
        }
        const restored = { target: op.target, type: 'Generic' as const, user: op.user };
        this.state.credentials = [
          ...this.state.credentials.filter(
            (c) => !(c.target.toLowerCase() === op.target.toLowerCase() && c.type === 'Generic'),
          ),
          unprotected.secret === null ? restored : { ...restored, secret: unprotected.secret },
        ];
        return ok(null);
      }
      case 'credential.delete':
        this.state.credentials = this.state.credentials.filter(
          (c) => !(c.target.toLowerCase() === op.target.toLowerCase() && c.type === op.type),
        );
        return ok(null);
      case 'certificate.list':
        return listCertificates(this.state, op.store, elevated);
      case 'certificate.remove':
        return removeCertificate(this.state, op, this.now());
      case 'service.status': {
        const service = findByName(this.state.services, op.name);
        return ok(service ? { exists: true, status: service[1].status } : { exists: false });
      }
      case 'service.restart': {
        const service = findByName(this.state.services, op.name);
        if (!service) return failure('not-found', `There is no service named ${op.name}.`);
        service[1].status = 'Running';
        if (service[0].toLowerCase() === 'sessionenv' && this.state.simulation.sessionEnvIssuesCertificate) {
          issueRemoteDesktopCertificate(this.state, this.now());
        }
        return ok(null);
      }
      case 'policy.refresh':
        return ok(null);
      case 'net.probeTcp':
        return ok(probeTcp(this.state.network.hosts, op));
      case 'net.resolve':
        return ok(resolveHost(this.state.network.hosts, op.host));
      case 'net.adapters':
        return ok(this.state.network.adapters);
      case 'net.listeners':
        return ok(listenersOn(this.state.network, op));
      case 'security.products':
        return ok(this.state.securityProducts);
      case 'events.query':
        return ok(queryEvents(this.state.events, op));
      case 'app.launchMstsc':
        this.launches.push(op.host);
        return ok(null);
      case 'system.restorePoint':
        return this.createRestorePoint(op.description);
      case 'system.facts': {
        const { build, edition, user, documentsFolder, powershellVersion } = this.state.os;
        return ok({ build, edition, elevated, user, documentsFolder, powershellVersion });
      }
    }
  }

  private createRestorePoint(description: string): Outcome {
    switch (this.state.simulation.restorePoint) {
      case 'protection-off':
        return failure('unsupported', 'System Protection is turned off for the system drive.');
      case 'too-recent':
        return failure('failed', 'Windows already created a restore point in the last 24 hours.');
      case 'created':
        this.restorePoints.push(description);
        return { ok: true, value: { created: true } };
    }
  }
}
