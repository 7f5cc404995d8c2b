import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadMachineFile } from '../../machine/simulated/machine-file.js';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import type { OpResult } from '../../shared/ops.js';
import type { RepairContext } from '../repair.js';
import { CLOSED } from './handshake-fixtures.test-support.js';
import { securitySoftwareRepair } from './security-software.js';

// The handshake saw the connection accepted then closed: the pattern a blocking product makes.
const ctx = (port?: number, handshake: RepairContext['handshake'] | null = CLOSED): RepairContext => ({
  target: { host: 'server01.contoso.com', port, kind: 'dns' },
  now: new Date('2026-11-21T09:00:00Z'),
  ...(handshake ? { handshake } : {}),
});
const products = (...list: object[]): OpResult[] => [{ ok: true, value: list }];
const defender = { name: 'Microsoft Defender Antivirus', kind: 'antivirus', state: 'on' };
const windowsFirewall = { name: 'Windows Firewall', kind: 'firewall', state: 'on' };
const bitdefender = { name: 'Bitdefender Antivirus Plus', kind: 'antivirus', state: 'on' };

describe('security-software repair', () => {
  it('lists a third-party product as information when the handshake shows nothing blocking, or was not made', () => {
    const fine = {
      ...CLOSED,
      outcome: { kind: 'selected' as const, protocol: 'credssp' as const, legacy: false },
    } as RepairContext['handshake'];
    expect(securitySoftwareRepair.diagnose(ctx(undefined, fine), products(bitdefender))).toMatchObject({
      status: 'ok',
      summary: expect.stringMatching(/answered Remote Desktop, so it is not blocking/),
    });
    expect(securitySoftwareRepair.diagnose(ctx(undefined, null), products(bitdefender)).status).toBe('ok');
  });

  it('names the inbound shield on the remote computer too', () => {
    const finding = securitySoftwareRepair.diagnose(ctx(), products(bitdefender));
    expect(finding.instructions.at(-1)).toMatch(/server01\.contoso\.com itself \(an inbound "shield"\)/);
  });

  it('reads the security products only', () => {
    expect(securitySoftwareRepair.reads(ctx())).toEqual([{ op: 'security.products' }]);
  });

  it('is ok with only Windows protection on', () => {
    const finding = securitySoftwareRepair.diagnose(
      ctx(),
      products(defender, windowsFirewall, { name: 'Windows Defender', kind: 'antispyware', state: 'on' }),
    );
    expect(finding.status).toBe('ok');
    expect(finding.evidence[0]).toEqual({
      label: 'Microsoft Defender Antivirus',
      value: 'antivirus, on (built into Windows)',
    });
  });

  it('is ok when the third-party product is off or snoozed', () => {
    const finding = securitySoftwareRepair.diagnose(
      ctx(),
      products({ ...bitdefender, state: 'off' }, { name: 'Norton', kind: 'firewall', state: 'snoozed' }),
    );
    expect(finding.status).toBe('ok');
  });

  it('asks for an exception for mstsc.exe and TCP/UDP 3389 when a third-party product is on', () => {
    const finding = securitySoftwareRepair.diagnose(ctx(), products(defender, bitdefender));
    expect(finding.status).toBe('manual');
    expect(finding.summary).toContain('Bitdefender Antivirus Plus is switched on');
    const steps = finding.instructions.join('\n');
    expect(steps).toContain('mstsc.exe');
    expect(steps).toContain('TCP port 3389 and UDP port 3389');
    expect(finding.explanation).toMatch(/tunnel/);
    expect(securitySoftwareRepair.plan(ctx(), products(bitdefender))).toEqual([]);
  });

  it('names mstsc.exe by the Windows folder of the PC it runs on, not by a drive letter', () => {
    const steps = securitySoftwareRepair.diagnose(ctx(), products(bitdefender)).instructions;
    const program = steps.find((step) => step.includes('mstsc.exe'));
    // %SystemRoot% is what Windows itself writes in firewall rules; file boxes and Run expand it on any PC.
    expect(program).toContain('%SystemRoot%\\System32\\mstsc.exe');
    expect(steps.join('\n')).not.toMatch(/[A-Z]:\\Windows/i);
  });

  it('uses the port of the target', () => {
    const finding = securitySoftwareRepair.diagnose(ctx(3390), products(bitdefender));
    expect(finding.instructions.join('\n')).toContain('TCP port 3390 and UDP port 3390');
  });

  it('names each product once', () => {
    const finding = securitySoftwareRepair.diagnose(
      ctx(),
      products(
        bitdefender,
        { ...bitdefender, kind: 'firewall' },
        { name: 'ESET Security', kind: 'firewall', state: 'on' },
      ),
    );
    expect(finding.summary.startsWith('Bitdefender Antivirus Plus and ESET Security are')).toBe(true);
  });

  it('is unknown when the products cannot be listed', () => {
    const finding = securitySoftwareRepair.diagnose(ctx(), [
      {
        ok: false,
        error: { code: 'unsupported', message: 'Security Center is not available on Windows Server' },
      },
    ]);
    expect(finding.status).toBe('unknown');
    expect(finding.evidence[0]?.value).toContain('Windows Server');
  });
});

const machine = (name: string) =>
  new SimulatedMachine(
    loadMachineFile(fileURLToPath(new URL(`../../sample-machines/${name}.json`, import.meta.url))),
  );

describe('security-software repair on sample machines', () => {
  it('names Bitdefender on antivirus-on.json and leaves Defender out', async () => {
    const results = await machine('antivirus-on').run(securitySoftwareRepair.reads(ctx()), { mode: 'read' });
    const finding = securitySoftwareRepair.diagnose(ctx(), results);
    expect(finding.status).toBe('manual');
    expect(finding.summary).toMatch(/^Bitdefender Antivirus and Bitdefender Firewall are switched on/);
    expect(finding.instructions[0]).toBe(
      'Open Bitdefender Antivirus and Bitdefender Firewall, and find their firewall or network protection settings.',
    );
    expect(finding.summary).not.toContain('Defender Antivirus,');
  });

  it('says two products in a sentence, with "are", when they let the connection through (issue 27)', () => {
    const fine = {
      ...CLOSED,
      outcome: { kind: 'selected' as const, protocol: 'credssp' as const, legacy: false },
    } as RepairContext['handshake'];
    const firewall = { name: 'Bitdefender Firewall', kind: 'firewall', state: 'on' };
    const finding = securitySoftwareRepair.diagnose(ctx(undefined, fine), products(bitdefender, firewall));
    expect(finding.summary).toBe(
      'Bitdefender Antivirus Plus and Bitdefender Firewall are switched on, and the remote computer answered Remote Desktop, so they are not blocking the connection.',
    );
  });

  it('is ok with only Defender on vpn-connected.json', async () => {
    const results = await machine('vpn-connected').run(securitySoftwareRepair.reads(ctx()), { mode: 'read' });
    expect(securitySoftwareRepair.diagnose(ctx(), results).status).toBe('ok');
  });
});
