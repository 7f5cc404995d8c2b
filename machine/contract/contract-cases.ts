import type { Op, OpFamily } from '../../shared/ops.js';
import { CertificateStoreSchema, ServiceNameSchema } from '../../shared/ops.js';
import { ALLOW_LIST_CASES } from './allow-list.cases.js';
import { CERTIFICATES_CASES } from './certificates.cases.js';
import { absent, ok } from './contract-fixtures.js';
import type { ContractCase, ExpectedMachineAfter, ExpectedResult } from './contract-types.js';
import { CREDENTIALS_CASES } from './credentials.cases.js';
import { ELEVATED_BATCH_CASES } from './elevated-batch.cases.js';
import { EVENTS_CASES } from './events.cases.js';
import { FILES_CASES } from './files.cases.js';
import { NETWORK_CASES } from './network.cases.js';
import { REGISTRY_CASES } from './registry.cases.js';
import { SERVICES_CASES } from './services.cases.js';
import { SYSTEM_CASES } from './system.cases.js';

export {
  type ContractCase,
  comparableResult,
  type ExpectedMachineAfter,
  type ExpectedResult,
} from './contract-types.js';

/*
 * The one table of contract cases: op batch + starting machine → expected results + expected machine after.
 * It runs against the simulated machine here (simulated-contract.test.ts) and, exported as JSON with
 * contractCasesAsJson(), against the PowerShell interpreter on Windows CI. Data only: no functions, so the
 * JSON export is the whole table.
 *
 * Each op family's cases are in <family>.cases.ts, the families of the interpreter's Dispatch.ps1 (every op
 * has a case in its own family's file: test/architecture/op-families.test.ts); the cases about the batch and
 * the allow-list across families are in allow-list.cases.ts and elevated-batch.cases.ts. This composes them.
 */

export const CONTRACT_CASES_BY_FAMILY: { readonly [F in OpFamily]: readonly ContractCase[] } = {
  registry: REGISTRY_CASES,
  files: FILES_CASES,
  credentials: CREDENTIALS_CASES,
  certificates: CERTIFICATES_CASES,
  services: SERVICES_CASES,
  network: NETWORK_CASES,
  events: EVENTS_CASES,
  system: SYSTEM_CASES,
};

/** Cases about the batch and the allow-list, across families; each file is named by its key. */
export const CROSS_FAMILY_CASES = {
  'allow-list': ALLOW_LIST_CASES,
  'elevated-batch': ELEVATED_BATCH_CASES,
} as const satisfies Record<string, readonly ContractCase[]>;

// In this order the JSON export and the Pester and Wine runners list the cases.
export const CONTRACT_CASES: readonly ContractCase[] = [
  ...REGISTRY_CASES,
  ...ALLOW_LIST_CASES,
  ...FILES_CASES,
  ...CREDENTIALS_CASES,
  ...CERTIFICATES_CASES,
  ...ELEVATED_BATCH_CASES,
  ...SERVICES_CASES,
  ...NETWORK_CASES,
  ...EVENTS_CASES,
  ...SYSTEM_CASES,
];

/** The read ops that check `expectedMachineAfter`, and what they must answer. Run unelevated, read mode. */
export function machineAfterChecks(expected: ExpectedMachineAfter): {
  ops: Op[];
  expectedResults: ExpectedResult[];
} {
  const ops: Op[] = [];
  const expectedResults: ExpectedResult[] = [];
  for (const [path, tree] of Object.entries(expected.registry ?? {})) {
    ops.push({ op: 'registry.readKey', path });
    expectedResults.push(tree ? ok({ exists: true, tree }) : absent);
  }
  for (const [name, file] of Object.entries(expected.files ?? {})) {
    ops.push({ op: 'file.read', folder: 'documents', name });
    expectedResults.push(file ? ok({ exists: true, ...file }) : absent);
  }
  if (expected.credentials) {
    ops.push({ op: 'credential.list', targetPrefix: 'TERMSRV/' });
    expectedResults.push(ok(expected.credentials));
  }
  for (const [store, certificates] of Object.entries(expected.certificates ?? {})) {
    ops.push({ op: 'certificate.list', store: CertificateStoreSchema.parse(store) });
    expectedResults.push(ok(certificates));
  }
  for (const [name, state] of Object.entries(expected.services ?? {})) {
    ops.push({ op: 'service.status', name: ServiceNameSchema.parse(name) });
    expectedResults.push(state ? ok({ exists: true, ...state }) : absent);
  }
  return { ops, expectedResults };
}

/** The whole table as JSON, each case with its after-checks spelled out, for the Windows (Pester) runner. */
export function contractCasesAsJson(): string {
  return JSON.stringify(
    {
      schemaVersion: 1,
      note: 'Errors match on error.code only. Check expectedMachineAfter by running machineAfterChecks.ops (read mode, unelevated).',
      cases: CONTRACT_CASES.map((c) => ({
        ...c,
        machineAfterChecks: c.expectedMachineAfter ? machineAfterChecks(c.expectedMachineAfter) : null,
      })),
    },
    null,
    2,
  );
}
