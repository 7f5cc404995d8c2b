import { describe, expect, it } from 'vitest';
import { elevatedScript, elevationScript } from './elevated/elevation-commands.js';
import { batchCommand, isWindowHandle, sessionSetupCommand } from './powershell-commands.js';

describe('generated PowerShell', () => {
  it('refuses to splice anything that is not base64 or a hash', () => {
    expect(() => batchCommand("abc'; calc; '")).toThrow(/non-base64/);
    expect(() =>
      elevatedScript({
        launcherText: '',
        modulePath: '',
        moduleSha256: "'; calc",
        encodedBatch: 'e30=',
        pipeName: `rdp-repair-${'a'.repeat(24)}`,
        nonce: 'b'.repeat(32),
      }),
    ).toThrow(/malformed hash/);
    for (const [pipeName, nonce] of [
      ["rdp-repair-x'; calc; '", 'b'.repeat(32)],
      [`rdp-repair-${'a'.repeat(24)}`, "'; calc"],
    ] as const) {
      expect(() =>
        elevatedScript({
          launcherText: '',
          modulePath: '',
          moduleSha256: 'a'.repeat(64),
          encodedBatch: 'e30=',
          pipeName,
          nonce,
        }),
      ).toThrow(/malformed token/);
    }
    expect(() =>
      elevatedScript({
        launcherText: '',
        modulePath: '',
        moduleSha256: 'a'.repeat(64),
        encodedBatch: "e30='; calc",
        pipeName: `rdp-repair-${'a'.repeat(24)}`,
        nonce: 'b'.repeat(32),
      }),
    ).toThrow(/non-base64/);
  });

  it('sends the session setup as one line, with the module text only as base64', () => {
    const setup = sessionSetupCommand("function Invoke-RdpRepairBatch { 'x' }\n# O'Brien $(calc)\n");
    expect(setup).not.toMatch(/[\r\n]/);
    expect(setup).not.toContain("O'Brien");
    expect(setup).not.toContain('Import-Module');
    expect(setup).toContain('New-Module');
  });

  it('gives the UAC prompt the app window as its owner, and splices nothing but a window handle', () => {
    const without = elevationScript('C:\\Windows\\powershell.exe', 'QQ==');
    expect(without).not.toContain('ErrorDialogParentHandle');
    const owned = elevationScript('C:\\Windows\\powershell.exe', 'QQ==', '1312004');
    expect(owned).toContain('$start.ErrorDialog = $true;');
    expect(owned).toContain('$start.ErrorDialogParentHandle = [IntPtr][long]1312004;');
    // The owner is set before the process starts.
    expect(owned.indexOf('ErrorDialogParentHandle')).toBeLessThan(owned.indexOf('Process]::Start'));
    for (const bad of ['0', '01', '1; calc', '$(calc)', '-5', '18446744073709551616', ' 1', '1\n2'])
      expect(() => elevationScript('C:\\Windows\\powershell.exe', 'QQ==', bad), bad).toThrow(
        /not a window handle/,
      );
    expect(isWindowHandle('18446744073709551615')).toBe(true);
  });
});
