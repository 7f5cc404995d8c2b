import { describe, expect, it } from 'vitest';
import { SimulatedRdpListenerSchema } from '../shared/machine-description.js';
import { simulatedHandshake } from './simulated-network.js';
import { simulatedServerMap } from './simulated-server-map.js';

const listener = (fields: object) => SimulatedRdpListenerSchema.parse(fields);
const NONE = { protocols: [], tlsVersions: [] };

describe('the simulated server map', () => {
  it('by default, what a current Windows Server with its defaults accepts: NLA required, TLS 1.2 and 1.3', () => {
    expect(simulatedServerMap(listener({ tlsVersion: 'TLSv1.3' }))).toEqual({
      serverAccepts: { protocols: ['credssp', 'credssp-early-auth'], tlsVersions: ['TLSv1.2', 'TLSv1.3'] },
      serverAcceptsUnknown: NONE,
    });
  });

  it('agrees with what the listener chose: its TLS version is the highest it completes', () => {
    expect(simulatedServerMap(listener({ tlsVersion: 'TLSv1.2' })).serverAccepts.tlsVersions).toEqual([
      'TLSv1.2',
    ]);
    expect(simulatedServerMap(listener({ tlsVersion: 'TLSv1' })).serverAccepts.tlsVersions).toEqual([
      'TLSv1',
    ]);
  });

  it.each([
    [{ requiresCredSsp: false }, ['rdp', 'tls', 'credssp', 'credssp-early-auth']],
    [{ selectedProtocol: 'tls' }, ['tls']],
    [{ selectedProtocol: 'rdp' }, ['rdp']],
    [{ failureCode: 2 }, ['rdp']],
    [{ failureCode: 3 }, []],
  ])('follows the security layer the listener shows (%j)', (fields, protocols) => {
    expect(simulatedServerMap(listener(fields)).serverAccepts.protocols).toEqual(protocols);
  });

  it('no TLS version completes when TLS does not (a certificate it cannot use), or when no TLS is chosen', () => {
    expect(simulatedServerMap(listener({ tls: 'closed' })).serverAccepts.tlsVersions).toEqual([]);
    expect(simulatedServerMap(listener({ selectedProtocol: 'rdp' })).serverAccepts.tlsVersions).toEqual([]);
    expect(simulatedServerMap(listener({ tls: 'timeout' })).serverAcceptsUnknown.tlsVersions).toHaveLength(4);
  });

  it('a tunnel, a shield or another program on the port answers none of the questions', () => {
    for (const behaviour of ['closes-after-accept', 'silent-after-accept', 'not-rdp']) {
      const map = simulatedServerMap(listener({ behaviour }));
      expect(map.serverAccepts).toEqual(NONE);
      expect(map.serverAcceptsUnknown.protocols).toHaveLength(5);
    }
  });

  it('a file may describe the map itself; a question it lists as unknown is not accepted', () => {
    const map = simulatedServerMap(
      listener({
        serverAccepts: { protocols: ['tls', 'credssp'], tlsVersions: ['TLSv1', 'TLSv1.1'] },
        serverAcceptsUnknown: { protocols: ['credssp'], tlsVersions: [] },
      }),
    );
    expect(map).toEqual({
      serverAccepts: { protocols: ['tls'], tlsVersions: ['TLSv1', 'TLSv1.1'] },
      serverAcceptsUnknown: { protocols: ['credssp'], tlsVersions: [] },
    });
  });

  it('is carried by the simulated handshake only when the listener was reached', () => {
    const hosts = {
      server01: { addresses: ['10.1.2.3'], openTcpPorts: [3389], filteredTcpPorts: [], rdp: listener({}) },
    };
    const now = new Date('2026-11-21T09:00:00Z');
    const reached = simulatedHandshake(hosts, { host: 'server01', port: 3389 }, 5000, now);
    expect(reached?.serverAccepts?.protocols).toEqual(['credssp', 'credssp-early-auth']);
    const refused = simulatedHandshake(hosts, { host: 'server01', port: 3390 }, 5000, now);
    expect(refused?.outcome.kind).toBe('refused');
    expect(refused?.serverAccepts).toBeUndefined();
  });
});
