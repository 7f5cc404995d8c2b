import { isIP, type Socket } from 'node:net';
import { createSecureContext, type SecureContext, connect as tlsConnect } from 'node:tls';
import type { TlsVersion } from '../shared/handshake.js';
import type { Deadline } from './tcp-connect.js';

/*
 * Does the server complete a TLS handshake in exactly this version? A Node TLS client pinned to one version
 * (minVersion = maxVersion), on a socket the server has just told to go on to TLS, stopped once the handshake
 * is done: nothing is sent after it, no credential ever. What the server sends is read by OpenSSL, which bounds
 * every handshake message itself (a certificate list at most 100 KB); the deadline bounds the time.
 */

export type Answer = 'yes' | 'no' | 'unknown';

/**
 * Errors raised on this side before the server could answer: this client cannot offer that version, so the
 * question was never asked.
 */
const LOCAL_REFUSALS = new Set(['ERR_SSL_NO_PROTOCOLS_AVAILABLE', 'ERR_SSL_NO_CIPHERS_AVAILABLE']);

const contexts = new Map<TlsVersion, SecureContext>();

/** One context per version, made once: making one for every connection costs more than the handshake's hello. */
function contextFor(version: TlsVersion): SecureContext {
  let context = contexts.get(version);
  if (!context) {
    context = createSecureContext({
      minVersion: version,
      maxVersion: version,
      // The question is what the server completes, not what this client's policy would allow: TLS 1.0 and 1.1
      // need security level 0 in OpenSSL 3, and a small server key must not fail the question for 1.2 either.
      ciphers: 'DEFAULT@SECLEVEL=0',
    });
    contexts.set(version, context);
  }
  return context;
}

export function tlsVersionCompletes(
  socket: Socket,
  host: string,
  version: TlsVersion,
  deadline: Deadline,
): Promise<Answer> {
  return new Promise((resolve) => {
    socket.resume();
    const literal = host.replace(/^\[(.*)\]$/, '$1');
    const tls = tlsConnect({
      socket,
      ...(isIP(literal) ? {} : { servername: host }),
      rejectUnauthorized: false,
      secureContext: contextFor(version),
    });
    let settled = false;
    const finish = (answer: Answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      tls.destroy();
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => finish('unknown'), deadline.left());
    tls.once('secureConnect', () => finish(tls.getProtocol() === version ? 'yes' : 'unknown'));
    // An alert (protocol_version, handshake_failure, internal_error), a reset or a close during the handshake:
    // the server answered, and not with this version.
    tls.once('error', (error: NodeJS.ErrnoException) =>
      finish(LOCAL_REFUSALS.has(error.code ?? '') ? 'unknown' : 'no'),
    );
    tls.once('close', () => finish('no'));
  });
}
