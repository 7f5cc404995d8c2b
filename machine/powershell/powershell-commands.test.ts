import { describe, expect, it } from 'vitest';
import { batchCommand, elevatedScript, sessionSetupCommand } from './powershell-commands.js';

describe('generated PowerShell', () => {
  it('refuses to splice anything that is not base64 or a hash', () => {
    expect(() => batchCommand("abc'; calc; '")).toThrow(/non-base64/);
    expect(() =>
      elevatedScript({
        launcherText: '',
        modulePath: '',
        moduleSha256: "'; calc",
        runFolder: '',
        batchSha256: '',
      }),
    ).toThrow(/malformed hash/);
  });

  it('sends the session setup as one line, with the module text only as base64', () => {
    const setup = sessionSetupCommand("function Invoke-RdpRepairBatch { 'x' }\n# O'Brien $(calc)\n");
    expect(setup).not.toMatch(/[\r\n]/);
    expect(setup).not.toContain("O'Brien");
    expect(setup).not.toContain('Import-Module');
    expect(setup).toContain('New-Module');
  });
});
