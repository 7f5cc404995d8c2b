import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMachineFile } from '../../machine/simulated/machine-file.js';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import { simulatedNetwork } from '../../network/simulated-network.js';
import type { MachineDescriptionInput } from '../../shared/machine-description.js';
import { RepairEngine } from '../engine.js';

const MACHINES = join(import.meta.dirname, '..', '..', 'sample-machines');

async function scanOf(description: MachineDescriptionInput, withNetwork = true) {
  const machine = new SimulatedMachine(description);
  const engine = new RepairEngine({
    machine,
    ...(withNetwork
      ? {
          network: simulatedNetwork(
            () => machine.snapshot().network.hosts,
            () => machine.now(),
          ),
        }
      : {}),
    dataDir: mkdtempSync(join(tmpdir(), 'rdp-handshake-')),
    now: () => machine.now(),
  });
  const { report } = await engine.scan('server01.contoso.com');
  const finding = report.findings.find((f) => f.repairId === 'rdp-handshake');
  if (!finding) throw new Error('no rdp-handshake finding');
  return { report, finding };
}

const sample = (name: string) => loadMachineFile(join(MACHINES, name));

describe('rdp-handshake', () => {
  it('ok on the healthy sample, with the certificate and the time it took as evidence', async () => {
    const { finding, report } = await scanOf(sample('healthy.json'));
    expect(finding.status).toBe('ok');
    expect(finding.summary).toMatch(
      /chose CredSSP \(Network Level Authentication\) over TLSv1.2, with a valid certificate until 2027-05-04/,
    );
    expect(finding.evidence.find((e) => e.label === 'Certificate')?.value).toMatch(
      /^CN=server01.contoso.com, issued by itself/,
    );
    expect(finding.evidence.find((e) => e.label === 'Simulated')).toBeDefined();
    expect(report.handshake?.simulated).toBe(true);
  });

  it('manual, remote side, when the remote certificate expired; nothing is planned on this PC for it', async () => {
    const { finding, report } = await scanOf(sample('remote-certificate-expired.json'));
    expect(finding.status).toBe('manual');
    expect(finding.summary).toBe(
      "The remote computer's Remote Desktop certificate expired on 2025-01-01: it has to be renewed on that computer, not here.",
    );
    expect(report.changes.filter((c) => c.repairId === 'rdp-handshake')).toEqual([]);
    expect(report.verdict.side).toBe('remote-pc');
  });

  it('problem on this PC when Default.rdp turns CredSSP off and the remote computer requires it', async () => {
    const { finding, report } = await scanOf(sample('nla-required-credssp-off.json'));
    expect(finding.status).toBe('problem');
    expect(finding.evidence).toContainEqual({ label: 'Default.rdp enablecredsspsupport', value: '0' });
    expect(finding.evidence).toContainEqual({
      label: 'Without CredSSP',
      value: 'refused (HYBRID_REQUIRED_BY_SERVER)',
    });
    expect(report.verdict.side).toBe('this-pc');
  });

  it('ok when Default.rdp turns CredSSP off but the remote computer does not require it', async () => {
    const description = sample('nla-required-credssp-off.json');
    for (const host of Object.values(description.network.hosts))
      if (host.rdp) host.rdp.requiresCredSsp = false;
    expect((await scanOf(description)).finding.status).toBe('ok');
  });

  it('warning when the certificate is not the one this PC accepted before (CertHash)', async () => {
    const description = sample('stale-host-entry.json');
    for (const host of Object.values(description.network.hosts)) {
      if (host.rdp?.certificate) host.rdp.certificate.sha1 = 'F'.repeat(40);
    }
    const { finding } = await scanOf(description);
    expect(finding.status).toBe('warning');
    expect(finding.summary).toMatch(
      /certificate changed since you last accepted it on this PC \(0A1B2C3D4E5F60718293A4B5C6D7E8F901234567 then, F{40} now\)/,
    );
  });

  it('not-applicable when there is no network port or the file does not describe the listener', async () => {
    expect((await scanOf(sample('healthy.json'), false)).finding.status).toBe('not-applicable');
    const description = sample('healthy.json');
    for (const host of Object.values(description.network.hosts)) delete host.rdp;
    expect((await scanOf(description)).finding.status).toBe('not-applicable');
  });

  it('shows a hostile certificate name as inert text: no control or bidi character reaches the finding', async () => {
    const description = sample('healthy.json');
    for (const host of Object.values(description.network.hosts)) {
      if (host.rdp?.certificate)
        host.rdp.certificate.subject = 'CN=evil\u001b[2J\u202e[OK] all checks passed';
    }
    const { finding } = await scanOf(description);
    // The strings themselves (JSON.stringify would escape the control character and hide it).
    const texts = [finding.summary, ...finding.evidence.map((e) => e.value), ...finding.instructions];
    expect(texts.some((t) => t.includes('\u001b') || t.includes('\u202e'))).toBe(false);
    expect(finding.evidence.find((e) => e.label === 'Certificate')?.value).toContain(
      '\\u{001B}[2J\\u{202E}[OK]',
    );
  });

  it("shows the remote computer's map in words: the protocols it accepts and the TLS versions it completes", async () => {
    const { finding } = await scanOf(sample('healthy.json'));
    expect(finding.evidence).toContainEqual({
      label: 'Security protocols the remote computer accepts',
      value: 'CredSSP (NLA), CredSSP with early user authorization',
    });
    expect(finding.evidence).toContainEqual({ label: 'TLS versions it completes', value: '1.2' });
  });

  it('says which questions of the map went unanswered, and "none" when nothing was accepted', async () => {
    const description = sample('healthy.json');
    for (const host of Object.values(description.network.hosts)) {
      if (host.rdp) {
        host.rdp.serverAccepts = { protocols: ['rdp'], tlsVersions: [] };
        host.rdp.serverAcceptsUnknown = { protocols: ['rdstls'], tlsVersions: ['TLSv1', 'TLSv1.1'] };
      }
    }
    const { finding } = await scanOf(description);
    expect(finding.evidence).toContainEqual({
      label: 'Security protocols the remote computer accepts',
      value: 'Standard RDP Security; no answer about RDSTLS',
    });
    expect(finding.evidence).toContainEqual({
      label: 'TLS versions it completes',
      value: 'none; no answer about 1.0, 1.1',
    });
  });

  it('a listener that answers none of the questions: the map is not known, in so many words', async () => {
    const { finding } = await scanOf(sample('tunnel-closes.json'));
    expect(finding.evidence).toContainEqual({
      label: 'Security protocols the remote computer accepts',
      value: 'not known: the remote computer did not answer these questions',
    });
  });
});
