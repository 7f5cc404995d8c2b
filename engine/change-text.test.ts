import { describe, expect, it } from 'vitest';
import type { PlannedChange } from '../shared/findings.js';
import type { Op, OpError } from '../shared/ops.js';
import { changeNames, interruptedAdvice, protectionBlockAdvice, shortDescription } from './change-text.js';

const change = (description: string, ifInterrupted?: string): PlannedChange => ({
  id: 'certificates:host-certificate',
  repairId: 'certificates',
  description,
  scope: 'machine',
  ops: [{ op: 'service.restart', name: 'SessionEnv' }],
  inverse: null,
  ...(ifInterrupted ? { ifInterrupted } : {}),
});

describe('change text', () => {
  it('names a change by the first sentence of its description', () => {
    expect(shortDescription(change('Remove the old certificate. Windows makes a new one.'))).toBe(
      'Remove the old certificate',
    );
    expect(changeNames([change('Delete A.'), change('Forget B: the host.')])).toBe('"Delete A", "Forget B"');
  });

  it('adds the advice of changes that may have stopped part-way, and nothing when there is none', () => {
    expect(interruptedAdvice([change('Delete A.')])).toBe('');
    expect(
      interruptedAdvice([change('Delete A.', 'Restart X.'), change('Delete B.'), change('C.', 'Do Y.')]),
    ).toBe(' Restart X. Do Y.');
  });
});

describe('when Windows protection is the likely reason an op failed', () => {
  const write: Op = {
    op: 'file.write',
    folder: 'documents',
    name: 'Default.rdp',
    contentBase64: '//4=',
    attributes: ['Hidden'],
  };
  const denied: OpError = {
    code: 'access-denied',
    message: "Access to the path 'C:\\Users\\alice\\Documents\\Default.rdp' is denied.",
  };

  it('a change in Documents refused: names Controlled folder access, its event and what the user can do', () => {
    const advice = protectionBlockAdvice(write, denied);
    expect(advice.startsWith(' If Controlled folder access is on')).toBe(true);
    expect(advice).toContain('Windows Security > Virus & threat protection > Ransomware protection');
    expect(advice).toContain('"Unauthorized changes blocked"');
    expect(advice).toContain('event 1123 in Microsoft-Windows-Windows Defender/Operational');
    expect(advice).toContain('"Allow an app through Controlled folder access"');
    expect(advice).toContain('%SystemRoot%\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(advice).toMatch(/remove it again/);
    // Sentences, each ending with a full stop, after a leading space (as interruptedAdvice).
    expect(advice.trimEnd().endsWith('.')).toBe(true);
    for (const op of ['file.delete', 'file.setAttributes'] as const) {
      const other = { op, folder: 'documents', name: 'Default.rdp', attributes: [] } as Op;
      expect(protectionBlockAdvice(other, denied)).toBe(advice);
    }
  });

  it('says nothing of it for other refusals or other failures', () => {
    const policy: Op = {
      op: 'registry.setValue',
      path: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client',
      name: 'fClientDisableUDP',
      value: { type: 'REG_DWORD', data: 1 },
    };
    expect(protectionBlockAdvice(policy, denied)).toBe('');
    expect(protectionBlockAdvice(write, { code: 'failed', message: 'The disk is full.' })).toBe('');
    expect(protectionBlockAdvice({ op: 'file.read', folder: 'documents', name: 'Default.rdp' }, denied)).toBe(
      '',
    );
    expect(protectionBlockAdvice(undefined, denied)).toBe('');
  });

  it('PowerShell refusing the script as malicious (AMSI): names the attack surface reduction rule and its events', () => {
    const blocked: OpError = {
      code: 'skipped',
      message:
        "PowerShell refused to load RDP Repair's interpreter: At line:1 char:1 + Import-Module ... This script contains malicious content and has been blocked by your antivirus software.",
    };
    const advice = protectionBlockAdvice(undefined, blocked);
    expect(advice.startsWith(" Security software on this PC blocked RDP Repair's PowerShell script")).toBe(
      true,
    );
    expect(advice).toContain('"Block execution of potentially obfuscated scripts"');
    expect(advice).toContain('event 1121');
    expect(advice).toContain('1116');
    expect(advice).toContain('Microsoft-Windows-Windows Defender/Operational');
    expect(advice).toMatch(/administrator/);
    // Windows in another language words the message its own way; the error id is the same everywhere.
    expect(protectionBlockAdvice(write, { code: 'failed', message: 'ScriptContainedMaliciousContent' })).toBe(
      advice,
    );
  });
});
