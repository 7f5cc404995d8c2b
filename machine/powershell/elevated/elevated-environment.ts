import { posix } from 'node:path';
import { WINDOWS_POWERSHELL } from '../windows-powershell-path.js';

/*
 * The environment the elevated PowerShell is started with: a short allow-list, nothing passed through from
 * this (user-level) process. Runtime hooks run code when the runtime starts, before any script and so before
 * every hash check: a CLR profiler (COR_ENABLE_PROFILING, COR_PROFILER, COR_PROFILER_PATH) in Windows
 * PowerShell 5.1, a startup hook (DOTNET_STARTUP_HOOKS) in PowerShell 7, and the runtime's configuration
 * knobs (COMPlus_*, DOTNET_*, among them COMPlus_InstallRoot, which loads another runtime). PowerShell itself
 * reads __PSLockdownPolicy, PSModulePath and PSExecutionPolicyPreference at start. An allow-list drops them
 * all, and whatever else a same-user process thought of.
 *
 * On Windows the values come from the PowerShell path (an absolute path under System32, never a variable),
 * so a planted SystemRoot or PATH cannot point the elevated side at a user's folder:
 * - SystemRoot, windir, SystemDrive: Windows' own components (Winsock among them) need them.
 * - ComSpec: what anything that shells out runs; otherwise it would be looked up.
 * - PATH: System32 and the PowerShell folder only. PATHEXT: executables only, no script types.
 * - TEMP, TMP: %SystemRoot%\Temp, not the user's: whatever an elevated tool writes there and reads back (the
 *   module no longer compiles anything: its helpers are precompiled bytes), a same-user process could swap in
 *   the user's TEMP. %SystemRoot%\Temp lets a user create files but neither list nor open an administrator's.
 * - PSModulePath: the PowerShell folder's Modules, as the elevated script sets it again first thing.
 * Left out on purpose: USERPROFILE, APPDATA and the other profile folders (the elevated batch never touches
 * the user's profile; the interpreter refuses user-scope ops there), and everything else.
 *
 * Whether Windows hands this environment on through the UAC hop is a question of its own: ShellExecute's
 * runas builds the elevated process's environment from the registry, not from its caller (docs/windows-truth.md).
 * That is why the launcher checks its own environment for runtime hooks and resets it to this same list
 * (Invoke-ElevatedBatch.ps1), and why the elevation script refuses to start while the user's registry
 * environment names a hook (elevation-commands.ts).
 *
 * Elsewhere (Linux, where the tests stand in for the UAC hop and start the elevated pwsh directly) the list
 * is PATH reset to the pwsh folder and the system's, and HOME and TMPDIR kept: pwsh keeps its caches under
 * HOME, and .NET and Node must agree on TMPDIR, where the answer pipe's socket lives.
 */

/**
 * Variables that configure a runtime or PowerShell at start; the launcher refuses to run with one present
 * (the same pattern as Get-RuntimeHookVariable in Invoke-ElevatedBatch.ps1). The .NET SDK's own settings
 * (DOTNET_CLI_*, DOTNET_NOLOGO, ...), common on developers' machines, configure no runtime.
 */
export const RUNTIME_HOOK_NAME =
  /^(COR_|CORECLR_|COMPLUS_|DOTNET_(?!(CLI_|NOLOGO$|GENERATE_ASPNET_CERTIFICATE$|SKIP_FIRST_TIME_EXPERIENCE$))|__PSLockdownPolicy$)/i;

/** The Windows folder of a program under its System32 (`C:\Windows` of `C:\Windows\System32\...`). */
const SYSTEM32_CHILD = /^([A-Za-z]:\\.+?)\\System32\\/i;
/** The Windows folder the app assumes wherever it names a system program (WINDOWS_POWERSHELL). */
const ASSUMED_WINDOWS_FOLDER = SYSTEM32_CHILD.exec(WINDOWS_POWERSHELL)?.[1] ?? 'C:\\Windows';

function windowsEnvironment(powershellPath: string): Record<string, string> {
  // A PowerShell outside System32 (the tests' pinned pwsh) still gets the Windows folder from no variable.
  const windows = SYSTEM32_CHILD.exec(powershellPath)?.[1] ?? ASSUMED_WINDOWS_FOLDER;
  const folder = powershellPath.slice(0, powershellPath.lastIndexOf('\\'));
  const system32 = `${windows}\\System32`;
  return {
    SystemRoot: windows,
    windir: windows,
    SystemDrive: windows.slice(0, 2),
    ComSpec: `${system32}\\cmd.exe`,
    PATH: `${system32};${folder}`,
    PATHEXT: '.COM;.EXE;.BAT;.CMD',
    TEMP: `${windows}\\Temp`,
    TMP: `${windows}\\Temp`,
    PSModulePath: `${folder}\\Modules`,
  };
}

function otherEnvironment(powershellPath: string, parent: NodeJS.ProcessEnv): Record<string, string> {
  const kept: Record<string, string> = { PATH: `${posix.dirname(powershellPath)}:/usr/bin:/bin` };
  for (const name of ['HOME', 'TMPDIR'] as const) {
    const value = parent[name];
    if (value) kept[name] = value;
  }
  return kept;
}

/** The whole environment for the process that starts the elevated PowerShell (and, off Windows, for it). */
export function elevatedEnvironment(
  powershellPath: string,
  parent: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): Record<string, string> {
  return platform === 'win32' ? windowsEnvironment(powershellPath) : otherEnvironment(powershellPath, parent);
}

/** What the elevation script prints, instead of starting anything, when the user's registry environment names a hook. */
export const ENVIRONMENT_REFUSED = 'rdp-repair-environment-refused:';

/**
 * The sentence for that refusal, or undefined when there was none. The names come from the user's registry,
 * so only plain variable names are repeated; any other is counted, not shown.
 */
export function environmentRefusal(stdout: string): string | undefined {
  const line = stdout.split(/\r?\n/).find((l) => l.startsWith(ENVIRONMENT_REFUSED));
  if (line === undefined) return undefined;
  const names = line.slice(ENVIRONMENT_REFUSED.length).split(',');
  const plain = names.filter((name) => /^[A-Za-z0-9_]{1,64}$/.test(name)).slice(0, 5);
  const others = names.length - plain.length;
  const listed = [
    ...plain,
    ...(others > 0 ? [others === 1 ? 'another variable' : `${others} other variables`] : []),
  ];
  const text =
    listed.length > 1
      ? `${listed.slice(0, -1).join(', ')} and ${listed.at(-1)}`
      : (listed[0] ?? 'a variable');
  return `RDP Repair did not ask for administrator permission: your user environment variables set ${text}, which would let another program run code inside the administrator PowerShell; remove ${listed.length > 1 ? 'them' : 'it'} (Settings, "Edit environment variables for your account") and try again.`;
}
