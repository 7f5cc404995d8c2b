import { describe, expect, it } from 'vitest';
import {
  DISCONNECT_REASONS,
  describeDisconnectReason,
  describeExtendedDisconnectReason,
  disconnectReasonName,
  EXTENDED_DISCONNECT_REASONS,
  extendedDisconnectReasonName,
  hexCode,
} from './disconnect-reasons.js';

describe('describeDisconnectReason', () => {
  it('decodes 0x904 as socket closed', () => {
    expect(describeDisconnectReason(2308)).toBe('socket closed (0x904)');
    expect(describeDisconnectReason(0x904)).toBe('socket closed (0x904)');
    expect(disconnectReasonName(2308)).toBe('disconnectReasonAtClientWinsockFDCLOSE');
  });

  it.each([
    [3, 'remote disconnection by server (not an error) (0x3)'],
    [260, 'DNS name lookup failure (0x104)'],
    [264, 'connection timed out (0x108)'],
    [516, 'Windows Sockets connect failed (0x204)'],
    [520, 'host not found (0x208)'],
    [1028, 'Windows Sockets recv call failed (0x404)'],
    [2310, 'internal security error (0x906)'],
    [2822, 'encryption error (0xB06)'],
    [3080, 'decompression error (0xC08)'],
  ])('decodes %i', (code, text) => {
    expect(describeDisconnectReason(code)).toBe(text);
  });

  it('keeps the number of an unknown code', () => {
    expect(describeDisconnectReason(4242)).toBe('unknown disconnect reason 4242 (0x1092)');
    expect(describeDisconnectReason(-1)).toBe('unknown disconnect reason -1');
    expect(describeDisconnectReason(1.5)).toBe('unknown disconnect reason 1.5');
  });

  it('has one entry per documented code with distinct constant names', () => {
    const names = [...DISCONNECT_REASONS.values()].map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((n) => n.startsWith('disconnectReason') || n.startsWith('SSL_ERR_'))).toBe(true);
  });

  it('decodes the SSL_ERR codes the client writes: 2055 a failed sign-in, 6919 an expired certificate', () => {
    expect(DISCONNECT_REASONS.get(2055)?.name).toBe('SSL_ERR_LOGON_FAILURE');
    expect(DISCONNECT_REASONS.get(6919)?.name).toBe('SSL_ERR_CERT_EXPIRED');
  });
});

describe('describeExtendedDisconnectReason', () => {
  it('decodes 0x7 as the server denying the connection', () => {
    expect(describeExtendedDisconnectReason(7)).toBe('the server denied the connection (extended 0x7)');
    expect(extendedDisconnectReasonName(7)).toBe('exDiscReasonServerDeniedConnection');
  });

  it('decodes licensing and credential reasons', () => {
    expect(describeExtendedDisconnectReason(257)).toContain('license server');
    expect(describeExtendedDisconnectReason(768)).toBe(
      'invalid credentials were encountered (extended 0x300)',
    );
  });

  it('names the documented protocol range', () => {
    expect(describeExtendedDisconnectReason(4096)).toContain('protocol error');
    expect(describeExtendedDisconnectReason(32767)).toContain('protocol error');
    expect(describeExtendedDisconnectReason(32768)).toBe('unknown extended reason 32768 (extended 0x8000)');
  });

  it('uses distinct documented names', () => {
    const names = [...EXTENDED_DISCONNECT_REASONS.values()].map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((n) => n.startsWith('exDiscReason'))).toBe(true);
  });
});

describe('hexCode', () => {
  it('writes upper-case hex with a 0x prefix', () => {
    expect(hexCode(2308)).toBe('0x904');
    expect(hexCode(3078)).toBe('0xC06');
  });
});
