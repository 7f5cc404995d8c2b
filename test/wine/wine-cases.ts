import {
  CONTRACT_CASES,
  type ContractCase,
  machineAfterChecks,
} from '../../machine/contract/contract-cases.js';
import {
  opReachesApi,
  registrySeeds,
  setupOps,
} from '../../machine/powershell/tests/export-contract-cases.js';
import { SIMULATED_DPAPI } from '../../machine/simulated/simulated-machine.js';
import type { Op } from '../../shared/ops.js';

/*
 * Which contract cases npm run test:wine runs under Wine, and how each starting machine is set up there.
 * Portable cases need only registry keys and Documents files, which the interpreter's own ops write (as on
 * Windows CI). Credential cases are set up with saved passwords the host writes through CredWrite. Every other
 * case is skipped with the reason: what Wine lacks, or what the table's machine cannot be made into for real.
 */

export interface CredentialSeed {
  target: string;
  type: 'Generic' | 'DomainPassword';
  user: string;
  secret: string;
}

export type WinePlan =
  | {
      kind: 'run';
      contractCase: ContractCase;
      setup: Op[];
      registrySeeds: ReturnType<typeof registrySeeds>;
      credentials: CredentialSeed[];
      checks: ReturnType<typeof machineAfterChecks> | null;
    }
  | { kind: 'skip'; contractCase: ContractCase; reason: string };

/** Ops whose cases are skipped, with why: checked in this order, first match wins. */
const SKIPS: [RegExp, string][] = [
  [
    /^certificate\./,
    "a certificate with the table's thumbprints cannot be made (a thumbprint is a digest of the certificate)",
  ],
  [/^service\./, "Wine's service manager has its own set of services (TermService exists there, stopped)"],
  [/^events\./, 'Wine has no Windows event log channels (Get-WinEvent needs wevtapi)'],
  [
    /^(system\.restorePoint|policy\.refresh)$/,
    'Wine has no System Restore and no Group Policy (no root/default SystemRestore class, no gpupdate)',
  ],
  [/^(security\.products|net\.adapters)$/, 'Wine has no SecurityCenter2 and no MSFT_NetAdapter CIM classes'],
  [/^net\./, "the simulated network names and ports are the table's own; Wine's sockets are Linux's"],
  [/^app\.launchMstsc$/, 'Wine has no mstsc.exe'],
  [/^system\.facts$/, 'Wine reports its own Windows version and user'],
];

/** Whether any op of the case belongs to a group Wine cannot run, and which. */
function skipReason(c: ContractCase): string | undefined {
  // Only ops the interpreter would carry out count: one it refuses first (the allow-list) needs no Windows API.
  const elevated = c.runOptions.elevated ?? false;
  const names = [
    ...c.ops.filter((op) => opReachesApi(op, elevated)).map((op) => op.op),
    ...(c.expectedMachineAfter?.certificates ? ['certificate.list'] : []),
  ];
  for (const [pattern, reason] of SKIPS) if (names.some((n) => pattern.test(n))) return reason;
  if (c.runOptions.elevated === true && c.machine.simulation?.uacAnswer === 'no')
    return 'Wine has no UAC: every process is an administrator, so a declined prompt cannot happen';
  if (c.name.startsWith('registry.setValue under HKLM without elevation'))
    return 'Wine gives every process administrator rights, so an unelevated HKLM write is not refused there';
  // The table's backup is the simulated machine's stand-in for DPAPI; Wine makes real DPAPI blobs.
  const simulatedBackup = (base64: string) =>
    Buffer.from(base64, 'base64').toString('latin1').startsWith(SIMULATED_DPAPI);
  if (c.ops.some((op) => op.op === 'credential.write' && simulatedBackup(op.protectedSecretBase64)))
    return "its backup is the simulated machine's stand-in for a DPAPI blob, which Wine's real DPAPI cannot open";
  return undefined;
}

export async function winePlans(cases: readonly ContractCase[] = CONTRACT_CASES): Promise<WinePlan[]> {
  const plans: WinePlan[] = [];
  for (const contractCase of cases) {
    const reason = skipReason(contractCase);
    if (reason) {
      plans.push({ kind: 'skip', contractCase, reason });
      continue;
    }
    const credentials = (contractCase.machine.credentials ?? []).map((c) => ({
      target: c.target,
      type: c.type,
      user: c.user,
      secret: c.secret ?? 'rdp-repair-wine-seed',
    }));
    plans.push({
      kind: 'run',
      contractCase,
      setup: await setupOps(contractCase.machine),
      registrySeeds: registrySeeds(contractCase.machine),
      credentials,
      checks: contractCase.expectedMachineAfter
        ? machineAfterChecks(contractCase.expectedMachineAfter)
        : null,
    });
  }
  return plans;
}
