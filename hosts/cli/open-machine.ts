import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openWorld, type World } from '../composition-root.js';
import { type RemotePrompt, remoteTarget } from './open-remote.js';
import type { RemoteRequest } from './remote-options.js';

/**
 * The installed package's root: the CLI runs from dist/cli (bundled) or hosts/cli (tsx), both two folders
 * below it. The interpreter (machine/powershell), the shipped samples (sample-machines/) and the pinned pwsh are in it.
 */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What the CLI's options say about the machine: --data-dir, --simulate, --real-network, --remote. */
export interface MachineRequest {
  dataDir: string;
  simulate?: string | undefined;
  realNetwork: boolean;
  remote?: RemoteRequest | undefined;
}

/**
 * The CLI's world, through the composition root: the simulated machine in FILE (the whole world simulated
 * unless --real-network), another computer through PowerShell remoting, or on Windows this PC.
 */
export async function openMachine(request: MachineRequest, prompt: RemotePrompt = {}): Promise<World> {
  const remote = request.remote ? await remoteTarget(request.remote, prompt) : undefined;
  return openWorld({
    host: 'cli',
    dataDir: request.dataDir,
    simulate: request.simulate,
    realNetwork: request.realNetwork,
    remote,
    packageRoot: PACKAGE_ROOT,
    platform: process.platform,
  });
}
