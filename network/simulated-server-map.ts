import {
  SERVER_PROTOCOLS,
  type ServerAccepts,
  type ServerProtocol,
  TLS_VERSIONS,
} from '../shared/handshake.js';
import type { SimulatedRdpListener } from '../shared/machine-description.js';
import type { ServerMap } from './server-map.js';

/*
 * The server's map of a simulated listener: the file's own `serverAccepts`, or, when it gives none, what a
 * Windows server with its defaults accepts in the security layer the listener's answer shows, so that the map
 * agrees with that answer (a real server gives one consistent picture):
 *   - CredSSP chosen, NLA required (the default since Windows Server 2012): CredSSP and CredSSP with early user
 *     authorization (HYBRID_EX, which Windows 8 and Server 2012 and later select when a client asks for it);
 *     a request without CredSSP is refused with HYBRID_REQUIRED_BY_SERVER.
 *   - CredSSP chosen, NLA not required (security layer "Negotiate"): Standard RDP Security and TLS as well.
 *   - TLS chosen for a request that offered CredSSP: the security layer is "SSL (TLS 1.0)", TLS alone.
 *   - Standard RDP Security chosen, or SSL_NOT_ALLOWED_BY_SERVER: the security layer is "RDP", that alone.
 * RDSTLS is left out of the default: Windows uses it for redirected connections, and whether a server selects
 * it for a first connection could not be checked here. TLS versions: those a current Windows Server completes by
 * default, 1.2 and 1.3 (1.0 and 1.1 are off by default from Windows 11 24H2 and Windows Server 2025), never above
 * the version the listener chose (a client offering every version gets the highest one), and that one.
 */

const NONE: ServerAccepts = { protocols: [], tlsVersions: [] };
const EVERYTHING: ServerAccepts = { protocols: [...SERVER_PROTOCOLS], tlsVersions: [...TLS_VERSIONS] };
const WINDOWS_DEFAULT_VERSIONS = new Set<string>(['TLSv1.2', 'TLSv1.3']);

function protocolsOf(listener: SimulatedRdpListener): ServerProtocol[] {
  if (listener.failureCode !== undefined) return listener.failureCode === 2 ? ['rdp'] : [];
  switch (listener.selectedProtocol) {
    case 'credssp':
    case 'credssp-early':
      return listener.requiresCredSsp
        ? ['credssp', 'credssp-early-auth']
        : ['rdp', 'tls', 'credssp', 'credssp-early-auth'];
    case 'tls':
      return ['tls'];
    case 'rdp':
      return ['rdp'];
    case 'rdstls':
      return ['rdstls'];
    case 'rds-aad':
      return [];
  }
}

function derived(listener: SimulatedRdpListener): ServerMap {
  if (listener.behaviour !== 'answers') return { serverAccepts: NONE, serverAcceptsUnknown: EVERYTHING };
  const protocols = protocolsOf(listener);
  const reachesTls =
    listener.failureCode === undefined &&
    listener.selectedProtocol !== 'rdp' &&
    listener.selectedProtocol !== 'rds-aad';
  const chosen = TLS_VERSIONS.indexOf(listener.tlsVersion as (typeof TLS_VERSIONS)[number]);
  if (reachesTls && (listener.tls === 'timeout' || (listener.tls === 'established' && chosen < 0))) {
    return {
      serverAccepts: { protocols, tlsVersions: [] },
      serverAcceptsUnknown: { protocols: [], tlsVersions: [...TLS_VERSIONS] },
    };
  }
  const tlsVersions =
    reachesTls && listener.tls === 'established'
      ? TLS_VERSIONS.filter((v, i) => i === chosen || (i < chosen && WINDOWS_DEFAULT_VERSIONS.has(v)))
      : [];
  return { serverAccepts: { protocols, tlsVersions }, serverAcceptsUnknown: NONE };
}

/** Both lists without the questions listed as unknown: a question is either answered or not. */
function without(accepts: ServerAccepts, unknown: ServerAccepts): ServerAccepts {
  return {
    protocols: accepts.protocols.filter((p) => !unknown.protocols.includes(p)),
    tlsVersions: accepts.tlsVersions.filter((v) => !unknown.tlsVersions.includes(v)),
  };
}

export function simulatedServerMap(listener: SimulatedRdpListener): ServerMap {
  const base = listener.serverAccepts
    ? { serverAccepts: listener.serverAccepts, serverAcceptsUnknown: NONE }
    : derived(listener);
  const unknown = listener.serverAcceptsUnknown ?? base.serverAcceptsUnknown;
  return { serverAccepts: without(base.serverAccepts, unknown), serverAcceptsUnknown: unknown };
}
