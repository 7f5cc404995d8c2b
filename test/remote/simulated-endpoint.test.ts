import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { baseMachine } from '../../engine/test-machines.js';
import { INTERPRETER_MODULE_SHA256 } from '../../machine/powershell/module-hashes.js';
import { REMOTE_OPEN_FAILED } from '../../machine/remote/remote-commands.js';
import { createRemoteMachine } from '../../machine/remote/remote-machine.js';
import type { RemoteTarget } from '../../machine/remote/remote-target.js';
import { tcpState } from '../../machine/remote/remoting-ports.js';
import { simulatedRemoteMachine, simulatedRemotingRefusal } from '../../machine/remote/simulated-endpoint.js';
import { diagnoseSsh } from '../../machine/remote/ssh-diagnosis.js';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';

/*
 * The demo's remoting endpoint and the real remote port are held alike here: the same refusal for the same
 * closed port (the real port asked over real loopback sockets, the simulated one told the same open ports), and
 * the same name and label once open.
 */

async function closedLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  await new Promise((resolve) => server.close(resolve));
  return address.port;
}

function realPort(target: RemoteTarget) {
  return createRemoteMachine({
    target,
    modulePath: 'machine/powershell/RdpRepair.Interpreter.psm1',
    moduleSha256: INTERPRETER_MODULE_SHA256,
    // New-PSSession failed, as it does against a closed port; the port then asks why (diagnose).
    createSession: () => ({
      invoke: async () => ({
        stdout: `${REMOTE_OPEN_FAILED}${Buffer.from('The SSH transport process has abruptly terminated').toString('base64')}\n`,
        stderr: '',
      }),
      dispose: async () => undefined,
    }),
    diagnose: (t) => (t.via === 'ssh' ? diagnoseSsh(t) : Promise.resolve(undefined)),
  });
}

describe('the demo remoting endpoint answers as the real remote port does', () => {
  it('refuses a closed remoting port with the same sentence', async () => {
    const port = await closedLoopbackPort();
    const target: RemoteTarget = { via: 'ssh', user: 'admin', host: '127.0.0.1', port, keyFile: 'k' };
    const real = await realPort(target).connect();
    // The simulated network is told what the real one answers for the standard remoting ports here.
    const standard = [22, 5985, 5986];
    const states = await Promise.all(standard.map((p) => tcpState('127.0.0.1', p)));
    const openTcpPorts = standard.filter((_p, i) => states[i] === 'open');
    const simulated = simulatedRemotingRefusal(target, { '127.0.0.1': { openTcpPorts } });
    expect(real).toMatch(/^Nothing accepts connections on port \d+ of 127\.0\.0\.1/);
    expect(simulated).toBe(real);
  });

  it('refuses a computer the simulated network does not know as a closed port, and opens a known one', () => {
    const target: RemoteTarget = { via: 'winrm', host: 'server02', port: 5985, useSsl: false };
    expect(simulatedRemotingRefusal(target, { server01: { openTcpPorts: [3389, 5985] } })).toBe(
      'Nothing accepts connections on port 5985 (WinRM) of server02; none of 22, 5985 and 5986 answers either, so PowerShell remoting is not reachable there (nothing was signed in to).',
    );
    expect(
      simulatedRemotingRefusal({ ...target, host: 'SERVER01' }, { server01: { openTcpPorts: [5985] } }),
    ).toBeUndefined();
  });

  it('names the computer and labels the machine as the real port does', () => {
    const target: RemoteTarget = { via: 'winrm', host: 'server01', port: 5986, useSsl: true };
    const real = realPort(target);
    const simulated = simulatedRemoteMachine(target, new SimulatedMachine(baseMachine()));
    expect(simulated.remote).toEqual(real.remote);
    expect(simulated.label.startsWith(real.label)).toBe(true);
  });
});
