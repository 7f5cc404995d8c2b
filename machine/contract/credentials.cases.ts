import { absent, done, err, machine, ok } from './contract-fixtures.js';
import type { ContractCase } from './contract-types.js';

/*
 * The credentials family's contract cases (Credentials.ps1): saved passwords.
 */

const CRED_SERVER01 = {
  target: 'TERMSRV/server01.contoso.com',
  type: 'DomainPassword' as const,
  user: 'CONTOSO\\alice',
};
const CRED_LOWER = { target: 'termsrv/10.1.2.3', type: 'Generic' as const, user: 'admin' };
const WITH_CREDS = machine({
  credentials: [
    CRED_SERVER01,
    CRED_LOWER,
    { target: 'MicrosoftAccount:user=alice@example.com', type: 'Generic', user: 'alice@example.com' },
  ],
});

export const CREDENTIALS_CASES: readonly ContractCase[] = [
  {
    name: 'credential.read backs up a generic password (protected), credential.write puts it back exactly',
    realMachine: 'simulated-only',
    machine: machine({
      credentials: [
        { target: 'TERMSRV/server01.contoso.com', type: 'Generic', user: 'alice', secret: 'p4ss' },
      ],
    }),
    ops: [
      { op: 'credential.read', target: 'TERMSRV/SERVER01.contoso.com', type: 'Generic' },
      { op: 'credential.read', target: 'TERMSRV/pc07', type: 'Generic' },
      { op: 'credential.delete', target: 'TERMSRV/server01.contoso.com', type: 'Generic' },
      {
        op: 'credential.write',
        target: 'TERMSRV/server01.contoso.com',
        type: 'Generic',
        user: 'alice',
        persist: 2,
        protectedSecretBase64: Buffer.from('rdp-repair-simulated-dpapi:{"secret":"p4ss"}').toString('base64'),
      },
      { op: 'credential.list', targetPrefix: 'TERMSRV/' },
    ],
    runOptions: { mode: 'write' },
    expectedResults: [
      ok({
        exists: true,
        user: 'alice',
        persist: 2,
        protectedSecretBase64: Buffer.from('rdp-repair-simulated-dpapi:{"secret":"p4ss"}').toString('base64'),
      }),
      absent,
      done,
      done,
      ok([{ target: 'TERMSRV/server01.contoso.com', type: 'Generic', user: 'alice' }]),
    ],
  },
  {
    name: 'credential.write refuses a backup not protected for this user, and wildcard or foreign targets',
    realMachine: 'portable',
    machine: machine(),
    ops: [
      { op: 'credential.read', target: 'TERMSRV/*', type: 'Generic' },
      { op: 'credential.read', target: 'MicrosoftAccount:user=a', type: 'Generic' },
      {
        op: 'credential.write',
        target: 'TERMSRV/*',
        type: 'Generic',
        user: 'a',
        persist: 2,
        protectedSecretBase64: 'AAAA',
      },
    ],
    runOptions: { mode: 'read' },
    expectedResults: [err('invalid-argument'), err('invalid-argument'), err('invalid-argument')],
  },
  {
    name: 'credential.list returns only TERMSRV/ targets, whatever their case',
    realMachine: 'simulated-only',
    machine: WITH_CREDS,
    ops: [{ op: 'credential.list', targetPrefix: 'TERMSRV/' }],
    runOptions: { mode: 'read' },
    expectedResults: [ok([CRED_SERVER01, CRED_LOWER])],
  },
  {
    name: 'credential.delete matches the target case-insensitively and is idempotent',
    realMachine: 'simulated-only',
    machine: WITH_CREDS,
    ops: [
      { op: 'credential.delete', target: 'TERMSRV/SERVER01.contoso.com', type: 'DomainPassword' },
      { op: 'credential.delete', target: 'TERMSRV/server01.contoso.com', type: 'DomainPassword' },
      { op: 'credential.delete', target: 'TERMSRV/10.1.2.3', type: 'DomainPassword' },
    ],
    runOptions: { mode: 'write' },
    expectedResults: [done, done, done],
    expectedMachineAfter: { credentials: [CRED_LOWER] },
  },
];
