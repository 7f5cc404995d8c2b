import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findSyntaxProblems } from '../../scripts/check-powershell/powershell-checks.js';
import { pwshForTests } from '../../test/support/pwsh-for-tests.js';
import { elevatedScript, elevationScript } from './elevated/elevation-commands.js';
import { batchCommand, encodeBatch, encodeCommand, sessionSetupCommand } from './powershell-commands.js';

const HOSTILE_PATH =
  "C:\\Users\\O'Brien $(calc)\\AppData\\Local\\Programs\\RDP Repair\\resources\\powershell\\x.psm1";

/** PowerShell's parser and the 5.1 check over generated scripts (written to files, as the check reads files). */
function problemsOf(scripts: readonly string[]) {
  const folder = mkdtempSync(join(tmpdir(), 'rdp-repair-generated-'));
  try {
    const files = scripts.map((script, i) => {
      const file = join(folder, `script-${i}.ps1`);
      writeFileSync(file, script, 'utf8');
      return file;
    });
    return findSyntaxProblems(pwshForTests(), files);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe("generated PowerShell in PowerShell's parser", () => {
  it('is valid Windows PowerShell 5.1 and carries paths only as base64', () => {
    const setup = sessionSetupCommand(`# ${HOSTILE_PATH}\nfunction Invoke-RdpRepairBatch { }`);
    const elevated = elevatedScript({
      launcherText: 'param($ModulePath) $ModulePath',
      modulePath: HOSTILE_PATH,
      moduleSha256: 'a'.repeat(64),
      encodedBatch: Buffer.from(`{"note":"${HOSTILE_PATH}"}`, 'utf8').toString('base64'),
      pipeName: `rdp-repair-${'a'.repeat(24)}`,
      nonce: 'b'.repeat(32),
    });
    expect(elevated).not.toContain('calc');
    const scripts = [
      setup,
      elevated,
      elevationScript(HOSTILE_PATH, encodeCommand(elevated)),
      elevationScript(HOSTILE_PATH, encodeCommand(elevated), '1312004'),
      batchCommand(encodeBatch({ ops: [{ op: 'policy.refresh' }], mode: 'write', elevated: true })),
    ];
    expect(problemsOf(scripts)).toEqual([]);
  });
});

describe('the UAC owner window, in the real PowerShell', () => {
  it('sets the prompt owner on the start info the elevation script builds', () => {
    // The script's start-info lines, without starting anything: the owner must land as that IntPtr.
    const script = elevationScript('C:\\x.exe', 'QQ==', '1312004');
    const lines = script.slice(script.indexOf('$start = New-Object'), script.indexOf('$process = '));
    const out = execFileSync(
      pwshForTests(),
      [
        '-NoProfile',
        '-Command',
        `${lines} [Console]::Out.Write([string]$start.ErrorDialog + ' ' + $start.ErrorDialogParentHandle)`,
      ],
      { encoding: 'utf8' },
    );
    expect(out).toBe('True 1312004');
  });
});
