import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { summarizeCertificate } from '../../network/certificate-summary.js';
import { describeCertificate } from '../repairs/handshake-reading.js';
import { Redactor } from './redactor.js';

/*
 * A real certificate as the handshake probe reads it (Node's X509Certificate: subject in DER order with
 * escaped commas, alternative names with a quoted DirName and a UPN), described as the handshake check
 * describes it, then redacted. Made with: openssl req -x509 -newkey ec … with O "Fabrikam Bank, Ltd",
 * OU "Branch 7 (North)", L, ST, an email address, and DNS, email, IP, URI, DirName and UPN alternative names.
 */
const PEM = `
-----BEGIN CERTIFICATE-----
MIIDnTCCA0OgAwIBAgIUVx5uqR/J/gmxbRPU6g0q+4BYZ0kwCgYIKoZIzj0EAwIw
gcExCzAJBgNVBAYTAkdCMRcwFQYDVQQIDA5XZXN0IFlvcmtzaGlyZTEOMAwGA1UE
BwwFTGVlZHMxGzAZBgNVBAoMEkZhYnJpa2FtIEJhbmssIEx0ZDEZMBcGA1UECwwQ
QnJhbmNoIDcgKE5vcnRoKTEiMCAGA1UEAwwZcmRwLmZhYnJpa2FtLWJhbmsuZXhh
bXBsZTEtMCsGCSqGSIb3DQEJARYeaXQtYWRtaW5AZmFicmlrYW0tYmFuay5leGFt
cGxlMCAXDTI2MTIwMzE0MjYyMVoYDzIxMjYxMTA5MTQyNjIxWjCBwTELMAkGA1UE
BhMCR0IxFzAVBgNVBAgMDldlc3QgWW9ya3NoaXJlMQ4wDAYDVQQHDAVMZWVkczEb
MBkGA1UECgwSRmFicmlrYW0gQmFuaywgTHRkMRkwFwYDVQQLDBBCcmFuY2ggNyAo
Tm9ydGgpMSIwIAYDVQQDDBlyZHAuZmFicmlrYW0tYmFuay5leGFtcGxlMS0wKwYJ
KoZIhvcNAQkBFh5pdC1hZG1pbkBmYWJyaWthbS1iYW5rLmV4YW1wbGUwWTATBgcq
hkjOPQIBBggqhkjOPQMBBwNCAAQqSN2mrlY/ZalmDzBEAECbmnRgmHMVTaUrSdzR
bgjZ4/3nZ0xthq++taIRQMIdC4ZChezXA9btClJU9FQkF0pTo4IBEzCCAQ8wge0G
A1UdEQSB5TCB4oIZcmRwLmZhYnJpa2FtLWJhbmsuZXhhbXBsZYIOZmFicmlrYW0t
cmRwMDGBHmhlbHBkZXNrQGZhYnJpa2FtLWJhbmsuZXhhbXBsZYcEChQeKIYqaHR0
cHM6Ly9pbnRyYW5ldC5mYWJyaWthbS1iYW5rLmV4YW1wbGUvcmRwpDQwMjEaMBgG
A1UECgwRRmFicmlrYW0gQmFuayBEaXIxFDASBgNVBAMMC0dhdGV3YXkgRGlyoC0G
CisGAQQBgjcUAgOgHwwdc3ZjLXJkcEBmYWJyaWthbS1iYW5rLmV4YW1wbGUwHQYD
VR0OBBYEFKn0Gt2LgFj8h57EilOA0ZMPSNxnMAoGCCqGSM49BAMCA0gAMEUCIAh7
GkIK5yNPYjBm6+hcWmSm3rfQcZoKBjEjWbcEOf61AiEA7Kui7okVzzz2MT909Bcj
XCeTxKa0XDkPPOlvmfRG7nw=
-----END CERTIFICATE-----
`;

describe('Redactor with a certificate as Node reads it', () => {
  const summary = summarizeCertificate(new X509Certificate(PEM));
  const line = describeCertificate(summary);

  it('is the real format, names and all', () => {
    expect(summary.subject).toContain(
      'O=Fabrikam Bank\\, Ltd, OU=Branch 7 (North), CN=rdp.fabrikam-bank.example',
    );
    expect(summary.subjectAltNames).toContain('othername:UPN:svc-rdp@fabrikam-bank.example');
    expect(line).toContain(summary.sha1);
  });

  it('keeps only the redacted CN of its subject and issuer, and a digest of its thumbprint', () => {
    const redactor = new Redactor({ hosts: ['rdp.fabrikam-bank.example'] });
    const out = redactor.redact(line);
    for (const secret of [
      'fabrikam',
      'branch',
      'north',
      'leeds',
      'yorkshire',
      'it-admin',
      'helpdesk',
      'intranet',
      'svc-rdp',
      '10.20.30.40',
    ]) {
      expect(out.toLowerCase(), secret).not.toContain(secret);
    }
    expect(out).toMatch(
      /^CN=host-1 \(alternative names hidden\), issued by itself \(self-signed\), valid .*, thumbprint thumbprint-[0-9a-f]{8}$/,
    );
    const issuer = redactor.redact(
      `issued by ${summary.issuer}; alternative names ${summary.subjectAltNames.join(', ')}.`,
    );
    expect(issuer).toBe('issued by CN=host-1; alternative names alternative names hidden.');
  });
});
