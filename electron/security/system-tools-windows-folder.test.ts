import { describe, expect, it, vi } from 'vitest';

// A PC whose Windows folder the system names D:\WINNT (an old upgrade, a second drive): the tools follow it.
vi.mock('../../machine/powershell/windows-powershell-path.js', () => ({
  WINDOWS_FOLDER: 'D:\\WINNT',
  WINDOWS_POWERSHELL: 'D:\\WINNT\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
}));

const { SYSTEM32, systemToolLaunch } = await import('./system-tools.js');

describe('the tools of "Get help" on a PC whose Windows folder is not C:\\Windows', () => {
  it('are found in the System32 folder of the Windows folder the system names', () => {
    expect(SYSTEM32).toBe('D:\\WINNT\\System32');
    expect(systemToolLaunch('event-viewer', 'L')).toEqual({
      kind: 'open-path',
      path: 'D:\\WINNT\\System32\\eventvwr.msc',
    });
    expect(systemToolLaunch('credential-manager', 'L')).toMatchObject({
      kind: 'spawn',
      executable: 'D:\\WINNT\\System32\\control.exe',
    });
  });
});
