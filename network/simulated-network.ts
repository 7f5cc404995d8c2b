import { isIP } from 'node:net';
import type { HandshakeOutcome, HandshakeProbe, TlsOutcome } from '../shared/handshake.js';
import { NEGOTIATION_FAILURES } from '../shared/handshake.js';
import type { MachineDescription, SimulatedRdpListener } from '../shared/machine-description.js';
import type { NetworkPort, ProbeOptions, ProbeTarget } from './port.js';
import { simulatedServerMap } from './simulated-server-map.js';

/*
 * The handshake probe answered from a machine file's `network.hosts`: the same outcomes the real probe gives,
 * for hosts the file describes. Nothing leaves this computer. A host that is not described does not resolve
 * (an IP literal that belongs to no host is filtered), as the simulated machine's own TCP probe says. A
 * listener that was reached also gives the server's map (simulated-server-map.ts).
 */

type Hosts = MachineDescription['network']['hosts'];
type Host = Hosts[string];

function findHost(hosts: Hosts, name: string): Host | undefined {
  const literal = name.replace(/^\[(.*)\]$/, '$1');
  if (isIP(literal)) return Object.values(hosts).find((h) => h.addresses.includes(literal));
  const wanted = name.toLowerCase().replace(/\.$/, '');
  return Object.entries(hosts).find(([n]) => n.toLowerCase().replace(/\.$/, '') === wanted)?.[1];
}

function tlsOutcome(listener: SimulatedRdpListener): TlsOutcome {
  if (listener.tls !== 'established') {
    return listener.tls === 'alert'
      ? { kind: 'alert', detail: 'ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR' }
      : { kind: listener.tls };
  }
  const c = listener.certificate;
  if (!c) return { kind: 'alert', detail: 'the server sent no certificate' };
  return {
    kind: 'established',
    version: listener.tlsVersion,
    certificate: {
      subject: c.subject,
      issuer: c.issuer ?? c.subject,
      subjectAltNames: c.subjectAltNames ?? [],
      notBefore: c.notBefore ?? '2020-01-01T00:00:00.000Z',
      notAfter: c.notAfter,
      sha1: c.sha1,
      selfSigned: c.selfSigned ?? (c.issuer === undefined || c.issuer === c.subject),
    },
  };
}

function listenerOutcome(listener: SimulatedRdpListener): HandshakeOutcome {
  switch (listener.behaviour) {
    case 'closes-after-accept':
      return { kind: 'closed-after-accept' };
    case 'silent-after-accept':
      return { kind: 'silent-after-accept' };
    case 'not-rdp':
      return {
        kind: 'not-rdp',
        firstBytesHex: Buffer.from('HTTP/1.1 400').toString('hex'),
        looksLike: 'an HTTP server',
      };
    case 'answers':
      break;
  }
  if (listener.failureCode !== undefined) {
    const name =
      (NEGOTIATION_FAILURES as Record<number, string>)[listener.failureCode] ??
      `UNKNOWN_FAILURE_${listener.failureCode}`;
    return { kind: 'negotiation-failure', code: listener.failureCode, name };
  }
  const protocol = listener.selectedProtocol;
  const withTls = protocol === 'tls' || protocol === 'credssp' || protocol === 'credssp-early';
  const nla = protocol === 'credssp' || protocol === 'credssp-early';
  return {
    kind: 'selected',
    protocol,
    legacy: false,
    ...(withTls ? { tls: tlsOutcome(listener) } : {}),
    ...(nla
      ? {
          withoutCredSsp: listener.requiresCredSsp
            ? { kind: 'negotiation-failure' as const, detail: 'HYBRID_REQUIRED_BY_SERVER' }
            : { kind: 'selected' as const, detail: 'tls' },
        }
      : {}),
  };
}

export function simulatedHandshake(
  hosts: Hosts,
  target: ProbeTarget,
  deadlineMs: number,
  now: Date,
): HandshakeProbe | undefined {
  const host = findHost(hosts, target.host);
  const literal = target.host.replace(/^\[(.*)\]$/, '$1');
  const base = {
    host: target.host,
    port: target.port,
    deadlineMs,
    probedAt: now.toISOString(),
    simulated: true,
  };
  if (!host) {
    return isIP(literal)
      ? { ...base, elapsedMs: deadlineMs, addresses: [literal], outcome: { kind: 'filtered' } }
      : { ...base, elapsedMs: 0, addresses: [], outcome: { kind: 'unresolved' } };
  }
  const addresses = isIP(literal) ? [literal] : host.addresses;
  if (addresses.length === 0) return { ...base, elapsedMs: 0, addresses, outcome: { kind: 'unresolved' } };
  const address = addresses[0];
  if (!host.openTcpPorts.includes(target.port)) {
    const filtered = host.filteredTcpPorts.includes(target.port);
    return {
      ...base,
      elapsedMs: filtered ? deadlineMs : 1,
      addresses,
      outcome: { kind: filtered ? 'filtered' : 'refused' },
    };
  }
  if (!host.rdp) return undefined;
  return {
    ...base,
    elapsedMs: 12,
    addresses,
    ...(address ? { address } : {}),
    outcome: listenerOutcome(host.rdp),
    ...simulatedServerMap(host.rdp),
  };
}

/** Waits as long as the simulated remote takes to answer: never past the deadline, and not once cancelled. */
function answerDelay(delayMs: number, options: ProbeOptions): Promise<void> {
  const wait = Math.min(Math.max(0, delayMs), options.deadlineMs);
  if (wait === 0 || options.signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, wait);
    options.signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * The network port of a simulated machine: answers from its file (on its clock), never from the network,
 * after `delayMs` (the file's `simulation.handshakeDelayMs`), as a real remote computer takes its time.
 */
export function simulatedNetwork(
  hosts: () => Hosts,
  now: () => Date,
  delayMs: () => number = () => 0,
): NetworkPort {
  return {
    kind: 'simulated',
    probeHandshake: async (target, options) => {
      await answerDelay(delayMs(), options);
      return simulatedHandshake(hosts(), target, options.deadlineMs, now());
    },
  };
}
