import {
  CERT_KEYLESS,
  CERT_MY,
  CERT_NEW,
  CERT_OLD,
  done,
  err,
  machine,
  ok,
  unelevated,
  WITH_CERTS,
} from './contract-fixtures.js';
import type { ContractCase } from './contract-types.js';

/*
 * The certificates family's contract cases (Certificates.ps1): the LocalMachine stores.
 */

export const CERTIFICATES_CASES: readonly ContractCase[] = [
  {
    name: 'certificate.list lists one store; a store with nothing in it is empty',
    realMachine: 'simulated-only',
    machine: machine({ certificates: { 'LocalMachine\\Remote Desktop': [CERT_OLD] } }),
    ops: [
      { op: 'certificate.list', store: 'LocalMachine\\Remote Desktop' },
      { op: 'certificate.list', store: 'LocalMachine\\My' },
    ],
    runOptions: { mode: 'read' },
    expectedResults: [ok([unelevated(CERT_OLD)]), ok([])],
  },
  {
    name: 'certificate.list tells an administrator whether each private key opens and the service may read it',
    realMachine: 'simulated-only',
    machine: {
      ...machine({
        certificates: {
          'LocalMachine\\Remote Desktop': [
            CERT_NEW,
            { ...CERT_OLD, privateKey: 'unreadable' },
            { ...CERT_MY, serviceCanReadKey: false },
            { ...CERT_KEYLESS },
          ],
        },
      }),
      os: { ...machine().os, elevated: true },
    },
    ops: [{ op: 'certificate.list', store: 'LocalMachine\\Remote Desktop' }],
    runOptions: { mode: 'read' },
    expectedResults: [
      ok([
        CERT_NEW,
        { ...CERT_OLD, privateKey: 'unreadable', serviceCanReadKey: null },
        { ...CERT_MY, serviceCanReadKey: false },
        { ...CERT_KEYLESS, serviceCanReadKey: null },
      ]),
    ],
  },
  {
    name: 'certificate.list tells an unelevated process only whether a certificate has a private key',
    realMachine: 'simulated-only',
    machine: machine({
      certificates: { 'LocalMachine\\My': [{ ...CERT_OLD, privateKey: 'unreadable' }, CERT_KEYLESS] },
    }),
    ops: [{ op: 'certificate.list', store: 'LocalMachine\\My' }],
    runOptions: { mode: 'read' },
    expectedResults: [ok([unelevated(CERT_OLD), { ...CERT_KEYLESS, serviceCanReadKey: null }])],
  },
  {
    name: 'certificate.remove takes one certificate out of one store and is idempotent',
    realMachine: 'simulated-only',
    machine: WITH_CERTS,
    ops: [
      { op: 'certificate.remove', store: 'LocalMachine\\Remote Desktop', thumbprint: CERT_OLD.thumbprint },
      { op: 'certificate.remove', store: 'LocalMachine\\Remote Desktop', thumbprint: CERT_OLD.thumbprint },
      { op: 'certificate.remove', store: 'LocalMachine\\Remote Desktop', thumbprint: CERT_MY.thumbprint },
    ],
    runOptions: { mode: 'write', elevated: true },
    expectedResults: [done, done, done],
    expectedMachineAfter: {
      certificates: {
        'LocalMachine\\Remote Desktop': [unelevated(CERT_NEW)],
        'LocalMachine\\My': [unelevated(CERT_MY)],
      },
    },
  },
  {
    name: 'certificate.remove takes only a certificate the listener cannot use, and refuses a usable one',
    realMachine: 'simulated-only',
    machine: machine({
      certificates: {
        'LocalMachine\\Remote Desktop': [
          CERT_OLD,
          CERT_NEW,
          { ...CERT_KEYLESS, notAfter: '2027-06-01T00:00:00Z' },
        ],
      },
      services: { SessionEnv: { status: 'Running' } },
      simulation: { now: '2026-11-21T09:00:00Z' },
    }),
    ops: [
      { op: 'certificate.remove', store: 'LocalMachine\\Remote Desktop', thumbprint: CERT_NEW.thumbprint },
      {
        op: 'certificate.remove',
        store: 'LocalMachine\\Remote Desktop',
        thumbprint: CERT_KEYLESS.thumbprint,
      },
      { op: 'certificate.remove', store: 'LocalMachine\\Remote Desktop', thumbprint: CERT_OLD.thumbprint },
    ],
    runOptions: { mode: 'read', elevated: true },
    expectedResults: [err('invalid-argument'), done, done],
    expectedMachineAfter: { certificates: { 'LocalMachine\\Remote Desktop': [unelevated(CERT_NEW)] } },
  },
  {
    name: 'a certificate store that cannot be opened is an op error, never an empty store',
    realMachine: 'simulated-only',
    machine: machine({
      certificates: { 'LocalMachine\\Remote Desktop': [CERT_OLD] },
      certificateStoreErrors: {
        'LocalMachine\\Remote Desktop': 'access-denied',
        'LocalMachine\\My': 'failed',
      },
      services: { SessionEnv: { status: 'Running' } },
    }),
    ops: [
      { op: 'certificate.list', store: 'LocalMachine\\Remote Desktop' },
      { op: 'certificate.list', store: 'LocalMachine\\My' },
      { op: 'certificate.remove', store: 'LocalMachine\\Remote Desktop', thumbprint: CERT_OLD.thumbprint },
    ],
    runOptions: { mode: 'read', elevated: true },
    expectedResults: [err('access-denied'), err('failed'), err('access-denied')],
  },
  {
    name: 'a private key an administrator could not check is unknown, with why, and is not removable',
    realMachine: 'simulated-only',
    machine: {
      ...machine({
        certificates: { 'LocalMachine\\Remote Desktop': [{ ...CERT_NEW, privateKey: 'unavailable' }] },
        services: { SessionEnv: { status: 'Running' } },
        simulation: { now: '2026-11-21T09:00:00Z' },
      }),
      os: { ...machine().os, elevated: true },
    },
    ops: [
      { op: 'certificate.list', store: 'LocalMachine\\Remote Desktop' },
      { op: 'certificate.remove', store: 'LocalMachine\\Remote Desktop', thumbprint: CERT_NEW.thumbprint },
    ],
    runOptions: { mode: 'read', elevated: true },
    expectedResults: [
      ok([
        {
          ...CERT_NEW,
          privateKey: 'unknown',
          serviceCanReadKey: null,
          privateKeyError: 'The requested key storage provider is not available. (0x8009001E)',
        },
      ]),
      err('invalid-argument'),
    ],
  },
  {
    name: 'certificate.remove removes nothing when SessionEnv, which makes the replacement, is not installed',
    realMachine: 'simulated-only',
    machine: machine({ certificates: { 'LocalMachine\\Remote Desktop': [CERT_OLD] } }),
    ops: [
      { op: 'certificate.remove', store: 'LocalMachine\\Remote Desktop', thumbprint: CERT_OLD.thumbprint },
    ],
    runOptions: { mode: 'write', elevated: true },
    expectedResults: [err('failed')],
    expectedMachineAfter: { certificates: { 'LocalMachine\\Remote Desktop': [unelevated(CERT_OLD)] } },
  },
];
