import { err, invalidOp, machine, ok } from './contract-fixtures.js';
import type { ContractCase } from './contract-types.js';

/*
 * The network family's contract cases (Network.ps1): names, ports, adapters, listeners, security products.
 */

const WITH_NETWORK = machine({
  network: {
    hosts: {
      'server01.contoso.com': {
        addresses: ['10.1.2.3', '10.1.2.4'],
        openTcpPorts: [3389],
        filteredTcpPorts: [3390],
      },
      'gateway.contoso.com': { addresses: [] },
    },
    adapters: [
      { name: 'Ethernet', description: 'Intel(R) Ethernet Connection', status: 'Up' },
      { name: 'Work VPN', description: 'Work VPN', status: 'Disconnected', kind: 'vpn-profile' },
    ],
  },
  securityProducts: [{ name: 'Bitdefender Antivirus', kind: 'antivirus', state: 'on' }],
});

export const NETWORK_CASES: readonly ContractCase[] = [
  {
    name: 'net.resolve: described names case-insensitively, IP literals as themselves, unknown names empty',
    realMachine: 'simulated-only',
    machine: WITH_NETWORK,
    ops: [
      { op: 'net.resolve', host: 'SERVER01.contoso.com' },
      { op: 'net.resolve', host: '192.168.1.20' },
      { op: 'net.resolve', host: 'nowhere.contoso.com' },
    ],
    runOptions: { mode: 'read' },
    expectedResults: [
      ok({ addresses: ['10.1.2.3', '10.1.2.4'] }),
      ok({ addresses: ['192.168.1.20'] }),
      ok({ addresses: [] }),
    ],
  },
  {
    name: 'net.probeTcp: open, refused, filtered (timeout) and unresolved',
    realMachine: 'simulated-only',
    machine: WITH_NETWORK,
    ops: [
      { op: 'net.probeTcp', host: 'server01.contoso.com', port: 3389, timeoutMs: 2000 },
      { op: 'net.probeTcp', host: '10.1.2.4', port: 22, timeoutMs: 2000 },
      { op: 'net.probeTcp', host: 'Server01.Contoso.com', port: 3390, timeoutMs: 2000 },
      { op: 'net.probeTcp', host: 'nowhere.contoso.com', port: 3389, timeoutMs: 2000 },
      { op: 'net.probeTcp', host: 'gateway.contoso.com', port: 443, timeoutMs: 2000 },
    ],
    runOptions: { mode: 'read' },
    expectedResults: [
      ok({ open: true, address: '10.1.2.3' }),
      ok({ open: false, address: '10.1.2.4', error: 'refused' }),
      ok({ open: false, address: '10.1.2.3', error: 'timeout' }),
      ok({ open: false, error: 'unresolved' }),
      ok({ open: false, error: 'unresolved' }),
    ],
  },
  {
    name: 'net.adapters lists adapters and VPN profiles; security.products lists the products',
    realMachine: 'simulated-only',
    machine: WITH_NETWORK,
    ops: [{ op: 'net.adapters' }, { op: 'security.products' }],
    runOptions: { mode: 'read' },
    expectedResults: [
      ok([
        { name: 'Ethernet', description: 'Intel(R) Ethernet Connection', status: 'Up', kind: 'adapter' },
        { name: 'Work VPN', description: 'Work VPN', status: 'Disconnected', kind: 'vpn-profile' },
      ]),
      ok([{ name: 'Bitdefender Antivirus', kind: 'antivirus', state: 'on' }]),
    ],
  },
  {
    name: "net.listeners: who listens on the port on this PC (a tunnel, a relay), and this PC's own addresses",
    realMachine: 'simulated-only',
    machine: machine({
      network: {
        localAddresses: ['192.168.1.20'],
        listeners: [
          {
            address: '127.0.0.1',
            port: 3390,
            processId: 4242,
            processName: 'ssh',
            processPath: 'C:\\Windows\\System32\\OpenSSH\\ssh.exe',
          },
          { address: '0.0.0.0', port: 3389, processId: 1100, processName: 'svchost', processPath: null },
        ],
      },
    }),
    ops: [
      { op: 'net.listeners', port: 3390 },
      { op: 'net.listeners', port: 5000 },
      invalidOp({ op: 'net.listeners', port: 0 }),
    ],
    runOptions: { mode: 'read' },
    expectedResults: [
      ok({
        listeners: [
          {
            address: '127.0.0.1',
            port: 3390,
            processId: 4242,
            processName: 'ssh',
            processPath: 'C:\\Windows\\System32\\OpenSSH\\ssh.exe',
          },
        ],
        localAddresses: ['127.0.0.1', '::1', '192.168.1.20'],
      }),
      ok({ listeners: [], localAddresses: ['127.0.0.1', '::1', '192.168.1.20'] }),
      err('invalid-argument'),
    ],
  },
];
