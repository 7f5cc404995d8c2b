import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  elevatedWriteRefusal,
  REGISTRY_WRITE_OPS,
  registryPathRefusal,
  userScopeRefusal,
} from '../../../shared/machine-allow-list.js';
import { type Op, OpSchema } from '../../../shared/ops.js';
import { canonicalKeyPath, type RegistryValue } from '../../../shared/registry.js';
import { CONTRACT_CASES, machineAfterChecks } from '../../contract/contract-cases.js';
import { SimulatedMachine } from '../../simulated/simulated-machine.js';
import { encodeBatch } from '../powershell-commands.js';

/*
 * npx tsx machine/powershell/tests/export-contract-cases.ts <out.json>
 * Writes the portable contract cases for ContractCases.Tests.ps1. Every batch is already base64 (as the app
 * sends it) and every expectation is JSON text, so the PowerShell side parses nothing with ConvertFrom-Json
 * that could be mangled (PowerShell 7 turns date-like strings into DateTime).
 */

type CaseMachine = (typeof CONTRACT_CASES)[number]['machine'];

/** Registry keys of the starting machine, parents before children (each writeKey replaces only its subtree). */
function seedKeys(machine: CaseMachine) {
  return Object.entries(machine.registry ?? {}).sort(
    ([a], [b]) => a.split('\\').length - b.split('\\').length,
  );
}

/**
 * Whether the unelevated setup batch may write the key: keys under a read-only root, and machine-wide keys
 * (written only from the elevated batch, which never writes whole keys), are set up without it.
 */
const writable = (path: string) =>
  registryPathRefusal(path, false, true) === null &&
  elevatedWriteRefusal({ op: 'registry.writeKey', path, tree: { values: {}, subkeys: {} } }, false) === null;

/**
 * Keys under a read-only root (the Terminal Server key) and HKLM keys, which the interpreter rightly refuses to
 * write from the setup batch: the runner writes them itself under the test subtree, where the interpreter will
 * read them. `subKey` is the path below HKCU\Software\RdpRepairContractTest\<id> (the interpreter's test
 * mapping: hive, then the path).
 */
export function registrySeeds(
  machine: CaseMachine,
): { subKey: string; values: Record<string, RegistryValue> }[] {
  return seedKeys(machine)
    .filter(([path]) => !writable(path))
    .map(([path, values]) => ({ subKey: canonicalKeyPath(path), values: { ...values } }));
}

export async function setupOps(machine: CaseMachine): Promise<Op[]> {
  const ops: Op[] = [];
  for (const [path, values] of seedKeys(machine).filter(([path]) => writable(path)))
    ops.push({ op: 'registry.writeKey', path, tree: { values, subkeys: {} } });
  // The simulated machine's own file.read gives the exact bytes (BOM, encoding) the case starts from.
  const simulated = new SimulatedMachine(machine);
  const folder = `${machine.os.documentsFolder.toLowerCase()}\\`;
  for (const [path, file] of Object.entries(machine.files ?? {})) {
    if (!path.toLowerCase().startsWith(folder)) continue;
    const name = path.slice(folder.length);
    const [read] = await simulated.run([{ op: 'file.read', folder: 'documents', name }], { mode: 'read' });
    const value = read?.ok ? (read.value as { exists: boolean; contentBase64?: string }) : undefined;
    if (!value?.exists || value.contentBase64 === undefined) throw new Error(`cannot read seed file ${path}`);
    ops.push({
      op: 'file.write',
      folder: 'documents',
      name,
      contentBase64: value.contentBase64,
      attributes: file.attributes ?? [],
    });
  }
  return ops;
}

const WINDOWS_APIS: [RegExp, string][] = [
  [/^registry\./, 'the registry'],
  [/^credential\./, 'Credential Manager'],
  [/^certificate\./, 'the LocalMachine certificate stores'],
  [/^service\./, 'the service manager'],
  [/^events\./, 'the event log'],
  [/^(system\.|security\.|net\.adapters)/, 'CIM'],
  [/^(policy\.|app\.)/, 'Windows programs (gpupdate, mstsc)'],
];

/**
 * Which Windows API a case reaches, if any: PowerShell 7 on Linux runs the others for real and skips these
 * with this reason. An op the interpreter refuses before any API call (the allow-list) needs none.
 */
export function windowsApiNeeded(
  machine: (typeof CONTRACT_CASES)[number]['machine'],
  ops: readonly Op[],
  elevated: boolean,
): string | null {
  if (Object.keys(machine.registry ?? {}).length > 0) return 'the registry';
  // Linux keeps only ReadOnly of Windows' file attributes, and its file names are case-sensitive.
  const attributes = [
    ...Object.values(machine.files ?? {}).flatMap((f) => f.attributes ?? []),
    ...ops.flatMap((op) => ('attributes' in op ? op.attributes : [])),
  ];
  if (attributes.some((a) => a !== 'ReadOnly')) return 'Windows file attributes (Hidden, System, Archive)';
  const fileNames = Object.keys(machine.files ?? {}).map((path) => path.split('\\').pop() ?? '');
  const differsInCase = (name: string) =>
    !fileNames.includes(name) && fileNames.some((f) => f.toLowerCase() === name.toLowerCase());
  if (ops.some((op) => op.op.startsWith('file.') && 'name' in op && differsInCase(op.name))) {
    return 'case-insensitive file names';
  }
  for (const op of ops) {
    if (!opReachesApi(op, elevated)) continue;
    const api = WINDOWS_APIS.find(([pattern]) => pattern.test(op.op));
    if (api) return api[1];
  }
  return null;
}

/** Whether the interpreter would call a Windows API for the op, rather than refuse it first (the allow-list). */
export function opReachesApi(op: Op, elevated: boolean): boolean {
  if (!OpSchema.safeParse(op).success || userScopeRefusal(op.op, elevated)) return false;
  const write = (REGISTRY_WRITE_OPS as readonly string[]).includes(op.op);
  if ('path' in op && registryPathRefusal(op.path, elevated, write)) return false;
  return elevatedWriteRefusal(op, elevated) === null;
}

export async function exportContractCases(): Promise<string> {
  const cases = [];
  for (const c of CONTRACT_CASES) {
    if (c.realMachine !== 'portable') continue;
    const checks = c.expectedMachineAfter ? machineAfterChecks(c.expectedMachineAfter) : null;
    const elevated = c.runOptions.elevated ?? false;
    cases.push({
      name: c.name,
      windowsApi: windowsApiNeeded(c.machine, [...c.ops, ...(checks?.ops ?? [])], elevated),
      setup: encodeBatch({ ops: await setupOps(c.machine), mode: 'write', elevated: false }),
      seedRegistry: JSON.stringify(registrySeeds(c.machine)),
      run: encodeBatch({ ops: c.ops, mode: c.runOptions.mode, elevated }),
      expected: JSON.stringify(c.expectedResults),
      check: checks ? encodeBatch({ ops: checks.ops, mode: 'read', elevated: false }) : null,
      checkExpected: checks ? JSON.stringify(checks.expectedResults) : null,
    });
  }
  return JSON.stringify(
    { schemaVersion: 1, skippedSimulatedOnly: CONTRACT_CASES.length - cases.length, cases },
    null,
    2,
  );
}

const out = process.argv[2];
if (out) writeFileSync(resolve(out), await exportContractCases());
