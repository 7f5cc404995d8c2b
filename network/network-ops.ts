import type { OpOf } from '../shared/ops.js';
import { connectTcp, Deadline, MIN_ATTEMPT_MS, resolveAddresses } from './tcp-connect.js';

/*
 * The machine port's two network ops answered by this process's own network (Node's dns and net), with the
 * interpreter's semantics (RdpRepair.Interpreter: Invoke-OpNetResolve, Invoke-OpNetProbeTcp): every address in
 * turn within the one timeout, each with its share, and the most telling failure reported.
 */

export async function resolveForReal(op: OpOf<'net.resolve'>): Promise<{ addresses: string[] }> {
  return { addresses: await resolveAddresses(op.host, new Deadline(5000)) };
}

const RANK = { timeout: 0, unreachable: 1, refused: 2 } as const;

export async function probeTcpForReal(op: OpOf<'net.probeTcp'>): Promise<{
  open: boolean;
  address?: string;
  error?: 'refused' | 'timeout' | 'unresolved' | 'unreachable';
}> {
  const deadline = new Deadline(op.timeoutMs);
  const addresses = await resolveAddresses(op.host, deadline);
  if (addresses.length === 0) return { open: false, error: 'unresolved' };
  let worst: { address: string; error: keyof typeof RANK } | undefined;
  for (const [index, address] of addresses.entries()) {
    const left = deadline.left();
    if (left <= 0) break;
    const share = Math.max(Math.floor(left / (addresses.length - index)), Math.min(MIN_ATTEMPT_MS, left));
    const result = await connectTcp(address, op.port, share);
    if (result.kind === 'connected') {
      result.socket.destroy();
      return { open: true, address };
    }
    if (!worst || RANK[result.kind] > RANK[worst.error]) worst = { address, error: result.kind };
  }
  return { open: false, address: worst?.address ?? addresses[0], error: worst?.error ?? 'timeout' };
}
