import { WINDOWS_FOLDER } from '../../machine/powershell/windows-powershell-path.js';
import type { OpenToolResult, SystemTool } from '../../shared/ipc.js';

/*
 * What "Get help" may open, and how: a fixed program with fixed arguments, or a fixed path handed to the
 * shell. The renderer only names a tool from a closed list; nothing it sends reaches a command line.
 */

// By absolute path, as for PowerShell: nothing on PATH (or in a same-user variable) stands in. The Windows
// folder is the one the system names (windows-powershell-path.ts), not a fixed C:\Windows.
export const SYSTEM32 = `${WINDOWS_FOLDER}\\System32`;

export type SystemToolLaunch =
  | { kind: 'spawn'; executable: string; args: readonly string[] }
  | { kind: 'open-path'; path: string }
  /** A Windows settings page by its fixed URI (ms-settings:, windowsdefender:), opened by the shell. */
  | { kind: 'open-uri'; uri: 'ms-settings:network-vpn' | 'windowsdefender:' };

export function systemToolLaunch(tool: SystemTool, logFolder: string): SystemToolLaunch {
  switch (tool) {
    case 'event-viewer':
      // The console host (mmc.exe) asks for the highest rights available, which a plain CreateProcess cannot
      // give an administrator; the shell opens the console file as a double click would.
      return { kind: 'open-path', path: `${SYSTEM32}\\eventvwr.msc` };
    case 'credential-manager':
      return {
        kind: 'spawn',
        executable: `${SYSTEM32}\\control.exe`,
        args: ['/name', 'Microsoft.CredentialManager'],
      };
    case 'log-folder':
      return { kind: 'open-path', path: logFolder };
    case 'vpn-settings':
      return { kind: 'open-uri', uri: 'ms-settings:network-vpn' };
    case 'windows-security':
      return { kind: 'open-uri', uri: 'windowsdefender:' };
  }
}

/** Event Viewer, Credential Manager and the settings pages exist only on Windows; the log folder opens anywhere. */
export function toolNeedsWindows(tool: SystemTool): boolean {
  return tool !== 'log-folder';
}

const TOOL_NAMES: Record<SystemTool, string> = {
  'event-viewer': 'Event Viewer',
  'credential-manager': 'Credential Manager',
  'log-folder': 'The log folder',
  'vpn-settings': 'VPN settings',
  'windows-security': 'Windows Security',
};

export function toolOpened(tool: SystemTool): OpenToolResult {
  return { opened: true, message: `${TOOL_NAMES[tool]} is opening.` };
}

export function toolNotOpened(tool: SystemTool, reason: string): OpenToolResult {
  const detail = reason.trim().replace(/[.\s]+$/, '');
  return { opened: false, message: `${TOOL_NAMES[tool]} could not be opened: ${detail}.` };
}

export function toolOnlyOnWindows(tool: SystemTool): OpenToolResult {
  return {
    opened: false,
    message: `${TOOL_NAMES[tool]} is part of Windows: it opens only in the Windows app.`,
  };
}
