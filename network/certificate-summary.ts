import type { X509Certificate } from 'node:crypto';
import type { CertificateSummary } from '../shared/handshake.js';

const MAX_TEXT = 1024;
const cap = (text: string) => (text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text);

function isoTime(text: string): string {
  const time = Date.parse(text);
  return Number.isNaN(time) ? cap(text).slice(0, 64) : new Date(time).toISOString();
}

/** What the app shows and compares of the server's certificate. Every field is the server's: capped. */
export function summarizeCertificate(certificate: X509Certificate): CertificateSummary {
  const names = (certificate.subjectAltName ?? '')
    .split(/,\s*/)
    .filter((n) => n.length > 0)
    .slice(0, 64)
    .map(cap);
  return {
    subject: cap(certificate.subject.replace(/\n/g, ', ')),
    issuer: cap(certificate.issuer.replace(/\n/g, ', ')),
    subjectAltNames: names,
    notBefore: isoTime(certificate.validFrom),
    notAfter: isoTime(certificate.validTo),
    sha1: certificate.fingerprint.replace(/:/g, '').toUpperCase(),
    selfSigned: certificate.checkIssued(certificate),
  };
}
