import type { z } from 'zod';
import type { MachineDescriptionInput } from '../../shared/machine-description.js';
import type { CertificateSchema, FileAttribute, Op, OpErrorCode, OpResult } from '../../shared/ops.js';
import type { RegistryKeyTree } from '../../shared/registry.js';

/* The shape of a contract case (see contract-cases.ts, which composes the table). */

/** Errors match on their code only: the wording is each interpreter's own. */
export type ExpectedResult = { ok: true; value: unknown } | { ok: false; error: { code: OpErrorCode } };

export interface ExpectedMachineAfter {
  /** Key path → the whole key as registry.readKey returns it; null: the key must not exist. */
  registry?: Record<string, RegistryKeyTree | null>;
  /** File name in Documents → its bytes and attributes as file.read returns them; null: must not exist. */
  files?: Record<string, { contentBase64: string; attributes: FileAttribute[] } | null>;
  /** The whole credential.list answer. */
  credentials?: { target: string; type: 'DomainPassword' | 'Generic'; user: string }[];
  /** Store → the whole certificate.list answer, as an unelevated process gets it. */
  certificates?: Record<string, z.infer<typeof CertificateSchema>[]>;
  /** Service name → its status and start type as service.status answers them; null: it does not exist. */
  services?: Record<string, { status: string; startType?: string } | null>;
}

export interface ContractCase {
  name: string;
  /**
   * `portable`: needs only the registry and Documents files set up, so it runs on a real Windows machine
   * (on a throwaway subtree and folder). `simulated-only`: relies on state or answers (credentials,
   * certificates, network, UAC, an unelevated session...) a CI runner cannot be put into.
   */
  realMachine: 'portable' | 'simulated-only';
  machine: MachineDescriptionInput;
  ops: Op[];
  runOptions: { mode: 'read' | 'write'; elevated?: boolean };
  expectedResults: ExpectedResult[];
  expectedMachineAfter?: ExpectedMachineAfter;
}

/** A result as the table compares it: errors by code only, the wording is each interpreter's own. */
export function comparableResult(result: OpResult): ExpectedResult {
  return result.ok ? result : { ok: false, error: { code: result.error.code } };
}
