import { describe, expect, it } from 'vitest';
import { connectionRequest, MAX_CONFIRM_BYTES, readConnectionConfirm } from './x224.js';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');

describe('X.224 Connection Request', () => {
  it('is the 19 bytes of MS-RDPBCGR 4.1.1 with TLS, CredSSP and CredSSP-EX requested', () => {
    expect(connectionRequest(['tls', 'credssp', 'credssp-early']).toString('hex')).toBe(
      '030000130ee00000000000010008000b000000',
    );
    expect(connectionRequest(['tls']).toString('hex')).toBe('030000130ee000000000000100080001000000');
  });
});

describe('X.224 Connection Confirm', () => {
  it('reads what xrdp answers (TLS selected, EXTENDED_CLIENT_DATA flag)', () => {
    expect(readConnectionConfirm(hex('030000130ed000001234000201080001000000'))).toEqual({
      kind: 'selected',
      protocol: 'tls',
      legacy: false,
    });
  });

  it("reads FreeRDP's CredSSP choice and its HYBRID_REQUIRED_BY_SERVER refusal", () => {
    expect(readConnectionConfirm(hex('030000130ed000000000000203080002000000'))).toMatchObject({
      protocol: 'credssp',
    });
    expect(readConnectionConfirm(hex('030000130ed000000000000300080005000000'))).toEqual({
      kind: 'negotiation-failure',
      code: 5,
      name: 'HYBRID_REQUIRED_BY_SERVER',
    });
  });

  it.each([
    [1, 'SSL_REQUIRED_BY_SERVER'],
    [2, 'SSL_NOT_ALLOWED_BY_SERVER'],
    [3, 'SSL_CERT_NOT_ON_SERVER'],
    [4, 'INCONSISTENT_FLAGS'],
    [5, 'HYBRID_REQUIRED_BY_SERVER'],
    [6, 'SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER'],
    [99, 'UNKNOWN_FAILURE_99'],
  ])('names failure code %i', (code, name) => {
    const frame = hex('030000130ed0000000000003000800');
    const bytes = Buffer.concat([frame, Buffer.from([code, 0, 0, 0])]);
    expect(readConnectionConfirm(bytes)).toEqual({ kind: 'negotiation-failure', code, name });
  });

  it('takes a Connection Confirm with no negotiation data as Standard RDP Security (old servers)', () => {
    expect(readConnectionConfirm(hex('0300000b06d00000123400'))).toEqual({
      kind: 'selected',
      protocol: 'rdp',
      legacy: true,
    });
  });

  it('waits for the rest of a frame that arrives in pieces', () => {
    const whole = hex('030000130ed000001234000201080001000000');
    for (let cut = 0; cut < whole.length; cut++)
      expect(readConnectionConfirm(whole.subarray(0, cut)).kind).toBe('incomplete');
  });

  it('says what answered when it is not Remote Desktop', () => {
    expect(readConnectionConfirm(Buffer.from('HTTP/1.1 400 Bad Request\r\n'))).toEqual({
      kind: 'not-rdp',
      looksLike: 'an HTTP server',
    });
    expect(readConnectionConfirm(Buffer.from('SSH-2.0-OpenSSH_9.2\r\n'))).toEqual({
      kind: 'not-rdp',
      looksLike: 'an SSH server',
    });
    expect(readConnectionConfirm(hex('160303007a02'))).toEqual({
      kind: 'not-rdp',
      looksLike: 'a TLS server',
    });
  });

  it('refuses frames that lie about their length, oversized frames and other X.224 codes', () => {
    expect(readConnectionConfirm(hex('03000005'))).toMatchObject({ kind: 'not-rdp' });
    const huge = Buffer.alloc(4);
    huge.writeUInt8(3, 0);
    huge.writeUInt16BE(MAX_CONFIRM_BYTES + 1, 2);
    expect(readConnectionConfirm(huge)).toMatchObject({
      kind: 'not-rdp',
      looksLike: 'a malformed TPKT frame',
    });
    expect(readConnectionConfirm(hex('030000130e800000000000020008000100000000'))).toMatchObject({
      kind: 'not-rdp',
    });
    // Length indicator pointing past the frame.
    expect(readConnectionConfirm(hex('0300000bffd00000123400'))).toMatchObject({ kind: 'not-rdp' });
    // A negotiation block with the wrong length.
    expect(readConnectionConfirm(hex('030000130ed000001234000201090001000000'))).toMatchObject({
      kind: 'not-rdp',
    });
  });

  it('never throws on any prefix of random bytes', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed & 0xff;
    };
    for (let i = 0; i < 2000; i++) {
      const bytes = Buffer.from(Array.from({ length: 1 + (i % 40) }, next));
      if (i % 3 === 0) bytes[0] = 3;
      expect(() => readConnectionConfirm(bytes)).not.toThrow();
    }
  });
});
