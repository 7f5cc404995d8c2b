import { NEGOTIATION_FAILURES, RDP_PROTOCOLS, type RdpProtocol } from '../shared/handshake.js';

/*
 * The first exchange of every Remote Desktop connection (MS-RDPBCGR 2.2.1.1 and 2.2.1.2): a TPKT-framed X.224
 * Connection Request carrying RDP_NEG_REQ, and the server's Connection Confirm carrying RDP_NEG_RSP or
 * RDP_NEG_FAILURE. The reply is untrusted bytes: parsed within fixed bounds, never beyond the TPKT length.
 */

/** The most a Connection Confirm may take: TPKT (4) + X.224 CC (7) + RDP_NEG_RSP (8), with room to spare. */
export const MAX_CONFIRM_BYTES = 512;

/** X.224 Connection Request with RDP_NEG_REQ offering these protocols (no cookie, no routing token). */
export function connectionRequest(protocols: readonly RdpProtocol[]): Buffer {
  const requested = protocols.reduce((flags, p) => flags | RDP_PROTOCOLS[p], 0);
  const negotiation = Buffer.alloc(8);
  negotiation.writeUInt8(0x01, 0); // TYPE_RDP_NEG_REQ
  negotiation.writeUInt8(0x00, 1); // flags
  negotiation.writeUInt16LE(8, 2); // length
  negotiation.writeUInt32LE(requested >>> 0, 4);
  // X.224 CR TPDU: length indicator, CR code, DST-REF, SRC-REF, class 0; then the variable part.
  const x224 = Buffer.concat([Buffer.from([6 + negotiation.length, 0xe0, 0, 0, 0, 0, 0]), negotiation]);
  const tpkt = Buffer.alloc(4);
  tpkt.writeUInt8(3, 0); // version
  tpkt.writeUInt8(0, 1);
  tpkt.writeUInt16BE(4 + x224.length, 2);
  return Buffer.concat([tpkt, x224]);
}

export type ConfirmReading =
  | { kind: 'incomplete' }
  | { kind: 'not-rdp'; looksLike: string }
  | { kind: 'negotiation-failure'; code: number; name: string }
  | { kind: 'selected'; protocol: RdpProtocol; legacy: boolean };

/** A guess at what answered, from its first bytes, for the user ("a web server answered"). */
export function looksLike(bytes: Buffer): string {
  const text = bytes.subarray(0, 8).toString('latin1');
  if (text.startsWith('HTTP/')) return 'an HTTP server';
  if (text.startsWith('SSH-')) return 'an SSH server';
  if (bytes[0] === 0x16 && bytes[1] === 0x03) return 'a TLS server';
  if (bytes[0] === 0x15 && bytes[1] === 0x03) return 'a TLS server (alert)';
  if (text.startsWith('220') || text.startsWith('+OK') || text.startsWith('* OK')) return 'a mail server';
  return 'something unknown';
}

const PROTOCOL_BY_VALUE = new Map<number, RdpProtocol>(
  Object.entries(RDP_PROTOCOLS).map(([name, value]) => [value, name as RdpProtocol]),
);

/**
 * Reads what the server sent so far. `incomplete` until the whole TPKT has arrived; anything that is not a
 * TPKT-framed X.224 Connection Confirm is `not-rdp`.
 */
export function readConnectionConfirm(bytes: Buffer): ConfirmReading {
  if (bytes.length === 0) return { kind: 'incomplete' };
  if (bytes[0] !== 0x03) return { kind: 'not-rdp', looksLike: looksLike(bytes) };
  if (bytes.length < 4) return { kind: 'incomplete' };
  const length = bytes.readUInt16BE(2);
  // A Connection Confirm is 11 bytes at least (TPKT + X.224 CC header) and far below the cap.
  if (bytes[1] !== 0x00 || length < 11 || length > MAX_CONFIRM_BYTES)
    return { kind: 'not-rdp', looksLike: 'a malformed TPKT frame' };
  if (bytes.length < length) return { kind: 'incomplete' };
  const frame = bytes.subarray(0, length);
  const indicator = frame[4] ?? 0;
  if (((frame[5] ?? 0) & 0xf0) !== 0xd0)
    return { kind: 'not-rdp', looksLike: 'an X.224 reply that is not a Connection Confirm' };
  if (indicator < 6 || 5 + indicator > length)
    return { kind: 'not-rdp', looksLike: 'a malformed X.224 Connection Confirm' };
  // Old servers answer with no negotiation data: Standard RDP Security.
  if (length < 19 || indicator < 14) return { kind: 'selected', protocol: 'rdp', legacy: true };
  const type = frame[11];
  const negotiationLength = frame.readUInt16LE(13);
  const value = frame.readUInt32LE(15);
  if (negotiationLength !== 8) return { kind: 'not-rdp', looksLike: 'a malformed RDP negotiation answer' };
  if (type === 0x02) {
    const protocol = PROTOCOL_BY_VALUE.get(value);
    if (protocol === undefined)
      return { kind: 'not-rdp', looksLike: `an RDP server choosing unknown protocol ${value}` };
    return { kind: 'selected', protocol, legacy: false };
  }
  if (type === 0x03) {
    const name = (NEGOTIATION_FAILURES as Record<number, string>)[value] ?? `UNKNOWN_FAILURE_${value}`;
    return { kind: 'negotiation-failure', code: value, name };
  }
  return { kind: 'not-rdp', looksLike: 'an RDP negotiation answer of unknown type' };
}
