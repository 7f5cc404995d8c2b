import { OP_FAMILIES, type Op, type OpFamily, type OpName, type OpNameOf } from '../../shared/ops.js';
import { CERTIFICATES_PREVIEW } from './preview/certificates.js';
import type { PreviewTable } from './preview/common.js';
import { CREDENTIALS_PREVIEW } from './preview/credentials.js';
import { EVENTS_PREVIEW } from './preview/events.js';
import { FILES_PREVIEW } from './preview/files.js';
import { NETWORK_PREVIEW } from './preview/network.js';
import { REGISTRY_PREVIEW } from './preview/registry.js';
import { SERVICES_PREVIEW } from './preview/services.js';
import { SYSTEM_PREVIEW } from './preview/system.js';

export { psQuote } from './preview/common.js';

/*
 * "Equivalent PowerShell (for reference)", shown under "What will change". It is for people to read, never
 * executed (the app runs ops through the interpreter module with base64 data), yet it must do the same thing
 * if pasted: a key is created only when missing, because `New-Item -Force` on an existing registry key
 * recreates it and throws its values away. Every piece of data
 * is still a single-quoted literal with quotes doubled, so pasting the preview into a console cannot run
 * anything hidden in a host name or a file name.
 *
 * Each op family's lines are in preview/<family>.ts, the families of the interpreter's Dispatch.ps1; this
 * dispatches through one table, as Dispatch.ps1 does.
 */

export const PREVIEW_BY_FAMILY: { readonly [F in OpFamily]: PreviewTable<OpNameOf<F>> } = {
  registry: REGISTRY_PREVIEW,
  files: FILES_PREVIEW,
  credentials: CREDENTIALS_PREVIEW,
  certificates: CERTIFICATES_PREVIEW,
  services: SERVICES_PREVIEW,
  network: NETWORK_PREVIEW,
  events: EVENTS_PREVIEW,
  system: SYSTEM_PREVIEW,
};

type AnyPreview = (op: Op) => string[];

const PREVIEWS: ReadonlyMap<string, AnyPreview> = new Map(
  OP_FAMILIES.flatMap((family) => Object.entries(PREVIEW_BY_FAMILY[family]) as [OpName, AnyPreview][]),
);

function opLines(op: Op): string[] {
  const lines = PREVIEWS.get(op.op);
  // Unreachable for a typed op: the table's type has lines for every op name.
  if (!lines) throw new Error(`No preview for ${op.op}.`);
  return lines(op);
}

/** One block of PowerShell per op, in batch order. */
export function powershellPreview(ops: readonly Op[]): string {
  return ops.map((op) => opLines(op).join('\n')).join('\n');
}
