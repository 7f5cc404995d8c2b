import { describe, expect, it } from 'vitest';
import { WINDOWS_FOLDER } from '../../machine/powershell/windows-powershell-path.js';
import { SystemToolSchema } from '../../shared/ipc.js';
import {
  SYSTEM32,
  systemToolLaunch,
  toolNeedsWindows,
  toolNotOpened,
  toolOnlyOnWindows,
  toolOpened,
} from './system-tools.js';

const LOGS = 'C:\\Users\\alice\\AppData\\Roaming\\RDP Repair\\logs';
// The Windows folder the system names: C:\Windows here (not Windows) and on GitHub's runners; another PC's own
// folder is followed (system-tools-windows-folder.test.ts).
const WINDOWS = WINDOWS_FOLDER;

describe('systemToolLaunch', () => {
  it('opens Event Viewer through the shell, by its absolute path', () => {
    expect(systemToolLaunch('event-viewer', LOGS)).toEqual({
      kind: 'open-path',
      path: `${WINDOWS}\\System32\\eventvwr.msc`,
    });
  });

  it('starts Credential Manager with control.exe by absolute path and fixed arguments', () => {
    expect(systemToolLaunch('credential-manager', LOGS)).toEqual({
      kind: 'spawn',
      executable: `${WINDOWS}\\System32\\control.exe`,
      args: ['/name', 'Microsoft.CredentialManager'],
    });
  });

  it('opens the log folder it is given', () => {
    expect(systemToolLaunch('log-folder', LOGS)).toEqual({ kind: 'open-path', path: LOGS });
  });

  it('opens the VPN settings and Windows Security by their fixed URIs', () => {
    expect(systemToolLaunch('vpn-settings', LOGS)).toEqual({
      kind: 'open-uri',
      uri: 'ms-settings:network-vpn',
    });
    expect(systemToolLaunch('windows-security', LOGS)).toEqual({ kind: 'open-uri', uri: 'windowsdefender:' });
  });

  it('uses only absolute System32 programs for every Windows tool that is a program', () => {
    for (const tool of SystemToolSchema.options.filter(toolNeedsWindows)) {
      const launch = systemToolLaunch(tool, LOGS);
      if (launch.kind === 'open-uri') continue;
      const target = launch.kind === 'spawn' ? launch.executable : launch.path;
      expect(target.startsWith(`${SYSTEM32}\\`), tool).toBe(true);
      expect(target).not.toMatch(/%|\.\.|\//);
    }
  });
});

describe('messages', () => {
  it('are one sentence naming the tool', () => {
    expect(toolOpened('event-viewer').message).toBe('Event Viewer is opening.');
    expect(toolNotOpened('credential-manager', 'spawn EACCES.')).toEqual({
      opened: false,
      message: 'Credential Manager could not be opened: spawn EACCES.',
    });
    expect(toolOnlyOnWindows('event-viewer')).toEqual({
      opened: false,
      message: 'Event Viewer is part of Windows: it opens only in the Windows app.',
    });
  });

  it('only the log folder opens off Windows', () => {
    expect(SystemToolSchema.options.filter((tool) => !toolNeedsWindows(tool))).toEqual(['log-folder']);
  });
});
