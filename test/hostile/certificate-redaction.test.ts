import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CertificateSummarySchema } from '../../shared/handshake.js';
import { cli, workspace } from '../cli/cli-harness.js';
import { type CorpusCertificate, HOSTILE_CERTIFICATES } from './corpus.js';

/*
 * `rdp-repair report --redact` against a remote computer whose certificate names an organisation, in every
 * way the corpus has: the report shows the certificate where the checks put it (the handshake's certificate, the
 * thumbprint this PC accepted before, this PC's own expired certificate with the same names, a Schannel event
 * quoting them), and the redacted report keeps none of its names, mail addresses, alternative names or
 * thumbprints. Get help's "Hide names and addresses" renders the same report with the same redactor.
 */

const HOST = 'server01.contoso.com';
const ACCEPTED_BEFORE = '5B6C7D8E9FA0B1C2D3E4F5061728394A5B6C7D8E';
const OWN_THUMBPRINT = '9E8D7C6B5A4F3E2D1C0B9A8F7E6D5C4B3A291807';
const figures = { certificates: 0, secretsChecked: 0, leaked: 0 };

afterAll(() => {
  console.log(
    `hostile certificates / report --redact: ${figures.certificates} certificates, ${figures.secretsChecked} names and thumbprints checked, ${figures.leaked} leaked`,
  );
});

function machineFor(certificate: CorpusCertificate) {
  const w = workspace('remote-certificate-expired.json');
  const machine = JSON.parse(readFileSync(w.machineFile, 'utf8'));
  const { secrets: _, why: __, ...summary } = certificate;
  for (const host of Object.values(machine.network.hosts) as { rdp: { certificate: unknown } }[]) {
    host.rdp.certificate = {
      ...summary,
      notBefore: '2024-07-01T08:00:00.000Z',
      notAfter: '2025-01-01T08:00:00.000Z',
    };
  }
  machine.registry[`HKCU\\Software\\Microsoft\\Terminal Server Client\\Servers\\${HOST}`] = {
    CertHash: { type: 'REG_BINARY', data: ACCEPTED_BEFORE.toLowerCase() },
    UsernameHint: { type: 'REG_SZ', data: 'CONTOSO\\alice' },
  };
  machine.certificates['LocalMachine\\Remote Desktop'] = [
    { thumbprint: OWN_THUMBPRINT, subject: certificate.subject, notAfter: '2025-06-01T00:00:00Z' },
  ];
  machine.events = [
    {
      channel: 'System',
      id: 36882,
      time: '2026-11-20T10:00:00Z',
      provider: 'Schannel',
      level: 'Error',
      message: `The certificate ${certificate.sha1} received from the remote server was not accepted (subject ${certificate.subject}; issuer ${certificate.issuer}).`,
      data: {},
    },
  ];
  writeFileSync(w.machineFile, JSON.stringify(machine));
  return w;
}

async function report(certificate: CorpusCertificate, redact: boolean): Promise<string> {
  const w = machineFor(certificate);
  const out = join(w.dataDir, '..', 'report.md');
  const flags = ['--simulate', w.machineFile, '--data-dir', w.dataDir, '--out', out];
  const run = await cli('report', '--host', HOST, ...(redact ? ['--redact'] : []), ...flags);
  expect(run.code, run.stderr).toBe(0);
  return readFileSync(out, 'utf8');
}

const thumbprints = (c: CorpusCertificate) => [c.sha1, ACCEPTED_BEFORE, OWN_THUMBPRINT];
// Any SHA-1 left in the report, bare, spaced or with colons.
const ANY_THUMBPRINT = /(?<![0-9a-z])[0-9a-f]{2}(?:[ :]?[0-9a-f]{2}){19}(?![0-9a-z])/i;

describe('report --redact against a server whose certificate names an organisation', () => {
  it('has certificates that are what a handshake can report', () => {
    for (const c of HOSTILE_CERTIFICATES) {
      const { secrets: _, why: __, ...summary } = c;
      const parsed = CertificateSummarySchema.safeParse({
        ...summary,
        notBefore: 'x',
        notAfter: 'y',
        selfSigned: false,
      });
      expect(parsed.success, c.why).toBe(true);
    }
  });

  it.each(HOSTILE_CERTIFICATES.map((c) => [c.why, c] as const))('%s', async (_, certificate) => {
    const plain = (await report(certificate, false)).toLowerCase();
    // Without redaction the report does show them, so what follows proves something.
    for (const secret of certificate.secrets) expect(plain, secret).toContain(secret);
    for (const thumbprint of thumbprints(certificate)) expect(plain).toContain(thumbprint.toLowerCase());

    const redacted = await report(certificate, true);
    figures.certificates++;
    for (const secret of [...certificate.secrets, ...thumbprints(certificate)]) {
      figures.secretsChecked++;
      if (redacted.toLowerCase().includes(secret.toLowerCase())) figures.leaked++;
      expect(redacted.toLowerCase(), secret).not.toContain(secret.toLowerCase());
    }
    expect(redacted).not.toMatch(ANY_THUMBPRINT);
    // The remote certificate's thumbprint is named in the check and in the event: one digest for both.
    const digests = redacted.match(/thumbprint-[0-9a-f]{8}/g) ?? [];
    expect(new Set(digests).size).toBe(3);
    expect(digests.length).toBeGreaterThan(3);
    expect(redacted).toContain('alternative names hidden');
    for (const line of redacted.split('\n')) expect(line.startsWith('[OK]')).toBe(false);
  });
});
