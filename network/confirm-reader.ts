import type { Socket } from 'node:net';
import type { RdpProtocol } from '../shared/handshake.js';
import type { Deadline } from './tcp-connect.js';
import { type ConfirmReading, connectionRequest, MAX_CONFIRM_BYTES, readConnectionConfirm } from './x224.js';

/*
 * One X.224 exchange on a connected socket: the Connection Request out, the Connection Confirm in. What the
 * server sends is read until the frame is whole, at most MAX_CONFIRM_BYTES (x224.ts parses within that), and
 * never past the deadline. The socket is left paused, for TLS to take it over or for the caller to destroy.
 */

export type ConfirmResult = (ConfirmReading | { kind: 'closed' } | { kind: 'silent' }) & {
  firstBytes: Buffer;
};

/** Sends the Connection Request and reads the Confirm: at most MAX_CONFIRM_BYTES, until the deadline. */
export function readConfirm(
  socket: Socket,
  protocols: readonly RdpProtocol[],
  deadline: Deadline,
): Promise<ConfirmResult> {
  return new Promise((resolve) => {
    let received = Buffer.alloc(0);
    const finish = (reading: ConfirmReading | { kind: 'closed' } | { kind: 'silent' }) => {
      const result = { ...reading, firstBytes: received.subarray(0, 32) };
      clearTimeout(timer);
      socket.removeListener('data', onData);
      socket.removeListener('close', onClose);
      socket.removeListener('error', onClose);
      socket.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]).subarray(0, MAX_CONFIRM_BYTES + 1);
      const reading = readConnectionConfirm(received);
      if (reading.kind !== 'incomplete') finish(reading);
      else if (received.length > MAX_CONFIRM_BYTES)
        finish({ kind: 'not-rdp', looksLike: 'an oversized reply' });
    };
    const onClose = () => {
      if (received.length === 0) finish({ kind: 'closed' });
      else finish({ kind: 'not-rdp', looksLike: 'a reply cut short' });
    };
    const timer = setTimeout(() => {
      finish(
        received.length === 0 ? { kind: 'silent' } : { kind: 'not-rdp', looksLike: 'an incomplete reply' },
      );
    }, deadline.left());
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.once('error', onClose);
    socket.write(connectionRequest(protocols));
  });
}
