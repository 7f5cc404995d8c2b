import { describe, expect, it } from 'vitest';
import type { OpResult } from '../../shared/ops.js';
import type { RepairContext } from '../repair.js';
import { certificatesRepair } from './certificates.js';
import { EXPIRED, VALID } from './certificates.test-support.js';
import { RDP_CERTIFICATE_STORE } from './certificates-host.js';
import { context } from './repair-harness.test-support.js';

// The certificates repair on read results: the host's own certificates, and the saved trust against the
// handshake (on a simulated machine, with fix and undo: certificates-machine.test.ts).

describe('certificates on read results', () => {
  const client = context('server01');
  const hosting = { ...client, hostMode: { acceptsConnections: true, sentence: 'accepts' } };
  const noServers: OpResult = { ok: true, value: { exists: false } };
  const noValue: OpResult = { ok: true, value: { exists: false } };
  const none: OpResult = { ok: true, value: [] };
  // SessionEnv running: Windows can make a new certificate, so a renewal may remove the old one.
  const sessionEnv: OpResult = { ok: true, value: { exists: true, status: 'Running' } };
  const reads = (list: OpResult, my: OpResult = none, hash: OpResult = noValue) => [
    noServers,
    list,
    my,
    hash,
    sessionEnv,
  ];

  it('on a PC that does not accept connections, its own expired certificate is one line of information', () => {
    const list: OpResult = { ok: true, value: [EXPIRED] };
    const finding = certificatesRepair.diagnose(client, reads(list));
    expect(finding.status).toBe('ok');
    expect(finding.evidence).toEqual([
      {
        label: "This computer's own certificate",
        value: expect.stringMatching(/expired 2026-10-01.*this one does not accept connections/),
      },
    ]);
    expect(certificatesRepair.plan(client, reads(list))).toEqual([]);
  });

  it('in host mode, is unknown when the store cannot be read and nothing else was found', () => {
    const failed: OpResult = { ok: false, error: { code: 'failed', message: 'RPC server unavailable' } };
    expect(certificatesRepair.diagnose(hosting, reads(failed, failed, failed)).status).toBe('unknown');
  });

  it('leaves a certificate whose thumbprint Windows would not accept to the user', () => {
    const list: OpResult = { ok: true, value: [{ ...EXPIRED, thumbprint: 'not-a-thumbprint' }] };
    const finding = certificatesRepair.diagnose(hosting, reads(list));
    expect(finding.status).toBe('problem');
    expect(finding.instructions.length).toBeGreaterThan(0);
    expect(certificatesRepair.plan(hosting, reads(list))).toEqual([]);
  });

  it('accepts lower-case thumbprints with spaces', () => {
    const thumbprint = '3f 2a 9c 4b 7d 1e 8f 6a 5b 0c 2d 3e 4f 5a 6b 7c 8d 9e 0f 1a';
    const list: OpResult = { ok: true, value: [{ ...EXPIRED, thumbprint }] };
    const [change] = certificatesRepair.plan(hosting, reads(list));
    expect(change?.ops[0]).toEqual({
      op: 'certificate.remove',
      store: RDP_CERTIFICATE_STORE,
      thumbprint: EXPIRED.thumbprint,
    });
  });

  it('in host mode, an empty Remote Desktop store is a problem, fixed by restarting SessionEnv', () => {
    const finding = certificatesRepair.diagnose(hosting, reads(none));
    expect(finding.status).toBe('problem');
    expect(finding.summary).toMatch(/has no Remote Desktop certificate/);
    expect(certificatesRepair.plan(hosting, reads(none)).map((c) => c.ops)).toEqual([
      [{ op: 'service.restart', name: 'SessionEnv' }],
    ]);
  });

  it('uses the certificate the listener is set to (SSLCertificateSHA1Hash), in the Remote Desktop or My store', () => {
    const hash: OpResult = {
      ok: true,
      value: { exists: true, value: { type: 'REG_BINARY', data: VALID.thumbprint.toLowerCase() } },
    };
    // An expired one beside it in the Remote Desktop store is not the one in use: nothing to do.
    expect(
      certificatesRepair.diagnose(hosting, reads({ ok: true, value: [EXPIRED, VALID] }, none, hash)).status,
    ).toBe('ok');
    // The chosen one expired in My: a problem, but not one Windows fixes by itself, so no planned change.
    const my: OpResult = { ok: true, value: [{ ...EXPIRED, thumbprint: VALID.thumbprint }] };
    const finding = certificatesRepair.diagnose(hosting, reads(none, my, hash));
    expect(finding.status).toBe('problem');
    expect(finding.summary).toMatch(/chosen for it/);
    expect(certificatesRepair.plan(hosting, reads(none, my, hash))).toEqual([]);
    // Set to a certificate that is in neither store.
    const missing = certificatesRepair.diagnose(hosting, reads(none, none, hash));
    expect(missing.status).toBe('problem');
    expect(missing.summary).toMatch(/not installed/);
  });

  it('in host mode, a valid certificate whose private key the listener cannot use is a problem, renewed like an expired one', () => {
    for (const [key, evidence] of [
      [{ privateKey: 'unreadable', serviceCanReadKey: null }, /key file is missing or damaged/],
      [{ privateKey: 'none', serviceCanReadKey: null }, /has no private key/],
      [{ privateKey: 'readable', serviceCanReadKey: false }, /NETWORK SERVICE\) is not allowed to read/],
    ] as const) {
      const list: OpResult = { ok: true, value: [{ ...VALID, ...key }] };
      const finding = certificatesRepair.diagnose(hosting, reads(list));
      expect(finding.status).toBe('problem');
      expect(finding.summary).toMatch(/cannot use the private key/);
      expect(finding.evidence).toContainEqual({
        label: 'Unusable certificate',
        value: expect.stringMatching(evidence),
      });
      const [change] = certificatesRepair.plan(hosting, reads(list));
      expect(change?.description).toMatch(/^Remove the unusable Remote Desktop certificate/);
      expect(change?.ops).toEqual([
        { op: 'certificate.remove', store: RDP_CERTIFICATE_STORE, thumbprint: VALID.thumbprint },
        { op: 'service.restart', name: 'SessionEnv' },
      ]);
    }
  });

  it('says the private key was not checked when only an administrator could tell, and is ok', () => {
    const list: OpResult = {
      ok: true,
      value: [{ ...VALID, privateKey: 'unknown', serviceCanReadKey: null }],
    };
    const finding = certificatesRepair.diagnose(hosting, reads(list));
    expect(finding.status).toBe('ok');
    expect(finding.evidence).toContainEqual({
      label: 'Certificate the listener uses',
      value: expect.stringMatching(/private key not checked: only an administrator can open machine keys/),
    });
    expect(certificatesRepair.plan(hosting, reads(list))).toEqual([]);
  });

  it('uses a usable certificate beside an unusable one and removes neither', () => {
    const broken = {
      ...VALID,
      thumbprint: '2'.repeat(40),
      privateKey: 'unreadable',
      serviceCanReadKey: null,
    };
    const list: OpResult = { ok: true, value: [broken, VALID] };
    expect(certificatesRepair.diagnose(hosting, reads(list)).status).toBe('ok');
    expect(certificatesRepair.plan(hosting, reads(list))).toEqual([]);
  });

  it('leaves the key of a certificate chosen for the listener to the user, with the permission steps', () => {
    const hash: OpResult = {
      ok: true,
      value: { exists: true, value: { type: 'REG_BINARY', data: VALID.thumbprint.toLowerCase() } },
    };
    const my: OpResult = { ok: true, value: [{ ...VALID, serviceCanReadKey: false }] };
    const finding = certificatesRepair.diagnose(hosting, reads(none, my, hash));
    expect(finding.status).toBe('problem');
    expect(finding.summary).toMatch(/certificate chosen for this computer's listener/);
    expect(finding.instructions.join(' ')).toMatch(/Manage Private Keys, add NETWORK SERVICE and allow Read/);
    expect(certificatesRepair.plan(hosting, reads(none, my, hash))).toEqual([]);
  });

  it('never removes a still-valid certificate', () => {
    const list: OpResult = { ok: true, value: [VALID, EXPIRED] };
    expect(certificatesRepair.diagnose(hosting, reads(list)).status).toBe('ok');
    expect(certificatesRepair.plan(hosting, reads(list))).toEqual([]);
  });
});

describe('certificates: the saved trust against the handshake', () => {
  const trusted: OpResult = {
    ok: true,
    value: {
      exists: true,
      tree: {
        values: {},
        subkeys: {
          server01: { values: { CertHash: { type: 'REG_BINARY', data: 'ab'.repeat(20) } }, subkeys: {} },
        },
      },
    },
  };
  const none: OpResult = { ok: true, value: [] };
  const absent: OpResult = { ok: true, value: { exists: false } };
  const handshake = (sha1: string): RepairContext['handshake'] => ({
    host: 'server01',
    port: 3389,
    deadlineMs: 5000,
    elapsedMs: 10,
    probedAt: '2026-11-20T12:00:00.000Z',
    addresses: ['10.1.2.3'],
    outcome: {
      kind: 'selected',
      protocol: 'credssp',
      legacy: false,
      tls: {
        kind: 'established',
        version: 'TLSv1.2',
        certificate: {
          subject: 'CN=server01',
          issuer: 'CN=server01',
          subjectAltNames: [],
          notBefore: '2026-06-01T00:00:00.000Z',
          notAfter: '2027-06-01T00:00:00.000Z',
          sha1,
          selfSigned: true,
        },
      },
    },
    simulated: true,
  });
  const reads = [trusted, none, none, absent];

  it('a warning, with the fix, when the remote certificate changed since it was accepted', () => {
    const ctx = { ...context('server01'), handshake: handshake('CD'.repeat(20)) };
    expect(certificatesRepair.diagnose(ctx, reads)).toMatchObject({
      status: 'warning',
      summary: expect.stringMatching(/changed since you accepted it/),
    });
    expect(certificatesRepair.plan(ctx, reads).map((c) => c.id)).toEqual(['certificates:trust-server01']);
  });

  it('nothing to do when the saved trust is the certificate the remote computer shows now', () => {
    const ctx = { ...context('server01'), handshake: handshake('AB'.repeat(20)) };
    expect(certificatesRepair.diagnose(ctx, reads).status).toBe('ok');
    expect(certificatesRepair.plan(ctx, reads)).toEqual([]);
  });
});
