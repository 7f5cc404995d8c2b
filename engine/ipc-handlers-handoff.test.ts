import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadMachineFile } from '../machine/simulated/machine-file.js';
import { SimulatedMachine } from '../machine/simulated/simulated-machine.js';
import { simulatedNetwork } from '../network/simulated-network.js';
import { createIpcHandlers } from './ipc-handlers.js';

// report:handoff: the page for the remote computer's administrator, from a fresh check of that computer.
describe('report:handoff', () => {
  it("names the computer, gives its PowerShell and the user's answer, with a mailto: and a file name", async () => {
    const file = fileURLToPath(
      new URL('../sample-machines/remote-certificate-expired.json', import.meta.url),
    );
    const machine = new SimulatedMachine(loadMachineFile(file));
    const network = simulatedNetwork(
      () => machine.snapshot().network.hosts,
      () => machine.now(),
    );
    const handlers = createIpcHandlers({
      machine,
      network,
      dataDir: mkdtempSync(join(tmpdir(), 'rdp-repair-handoff-')),
      onProgress: () => {},
      now: () => machine.now(),
    });
    const result = await handlers['report:handoff']({
      host: 'SERVER01.contoso.com',
      connectionTest: 'not-connected',
    });
    if (!result.ok) throw new Error(result.error.message);
    const { markdown, subject, fileName, mailto } = result.value;
    expect(markdown).toContain('# Remote Desktop to `SERVER01.contoso.com` fails');
    expect(markdown).toContain('**The problem is on the remote computer.**');
    expect(markdown).toContain('Restart-Service -Name SessionEnv -Force');
    expect(markdown).toContain('it still did not connect');
    expect(subject).toMatch(/^Remote Desktop to SERVER01\.contoso\.com fails/);
    expect(fileName).toBe('remote-desktop-SERVER01.contoso.com.md');
    expect(new URL(mailto).searchParams.get('subject')).toBe(subject);
  });

  it('refuses a host that is not one', async () => {
    const machine = new SimulatedMachine(
      loadMachineFile(fileURLToPath(new URL('../sample-machines/healthy.json', import.meta.url))),
    );
    const handlers = createIpcHandlers({
      machine,
      dataDir: mkdtempSync(join(tmpdir(), 'rdp-repair-handoff-')),
      onProgress: () => {},
    });
    const result = await handlers['report:handoff']({ host: 'a\nb' });
    expect(result.ok).toBe(false);
  });
});
