import { describe, expect, it } from 'vitest';
import { elevatedEnvironment, RUNTIME_HOOK_NAME } from './elevated-environment.js';

/** What a same-user process can put into the app's environment (or HKCU\Environment) before it starts. */
const HOSTILE_PARENT: NodeJS.ProcessEnv = {
  COR_ENABLE_PROFILING: '1',
  COR_PROFILER: '{00000000-0000-0000-0000-000000000001}',
  COR_PROFILER_PATH: 'C:\\Users\\alice\\evil.dll',
  CORECLR_ENABLE_PROFILING: '1',
  COMPlus_InstallRoot: 'C:\\Users\\alice\\clr',
  DOTNET_STARTUP_HOOKS: 'C:\\Users\\alice\\hook.dll',
  DOTNET_ROOT: '/home/alice/dotnet',
  __PSLockdownPolicy: '4',
  PSModulePath: 'C:\\Users\\alice\\Modules',
  PSExecutionPolicyPreference: 'Unrestricted',
  SystemRoot: 'C:\\Users\\alice\\fakewin',
  windir: 'C:\\Users\\alice\\fakewin',
  ComSpec: 'C:\\Users\\alice\\cmd.exe',
  PATH: 'C:\\Users\\alice\\bin;C:\\Windows\\System32',
  PATHEXT: '.PS1;.EXE',
  TEMP: 'C:\\Users\\alice\\AppData\\Local\\Temp',
  TMP: 'C:\\Users\\alice\\AppData\\Local\\Temp',
  USERPROFILE: 'C:\\Users\\alice',
  HOME: '/home/alice',
  TMPDIR: '/tmp/alice',
  NODE_OPTIONS: '--require evil.js',
};

const POWERSHELL = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';

describe('the environment the elevated PowerShell starts with', () => {
  it('on Windows: a short allow-list, every value from the PowerShell path, none from the parent', () => {
    expect(elevatedEnvironment(POWERSHELL, HOSTILE_PARENT, 'win32')).toEqual({
      SystemRoot: 'C:\\Windows',
      windir: 'C:\\Windows',
      SystemDrive: 'C:',
      ComSpec: 'C:\\Windows\\System32\\cmd.exe',
      PATH: 'C:\\Windows\\System32;C:\\Windows\\System32\\WindowsPowerShell\\v1.0',
      PATHEXT: '.COM;.EXE;.BAT;.CMD',
      TEMP: 'C:\\Windows\\Temp',
      TMP: 'C:\\Windows\\Temp',
      PSModulePath: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\Modules',
    });
  });

  it("takes the Windows folder from no variable, even for a PowerShell outside it (the tests' pinned pwsh)", () => {
    expect(elevatedEnvironment('D:\\Tools\\pwsh\\pwsh.exe', HOSTILE_PARENT, 'win32')).toMatchObject({
      SystemRoot: 'C:\\Windows',
      PATH: 'C:\\Windows\\System32;D:\\Tools\\pwsh',
      TEMP: 'C:\\Windows\\Temp',
    });
  });

  it('elsewhere (where the tests stand in for the UAC hop): PATH reset, HOME and TMPDIR kept for pwsh and the pipe', () => {
    expect(elevatedEnvironment('/opt/pwsh/pwsh', HOSTILE_PARENT, 'linux')).toEqual({
      PATH: '/opt/pwsh:/usr/bin:/bin',
      HOME: '/home/alice',
      TMPDIR: '/tmp/alice',
    });
    expect(elevatedEnvironment('/opt/pwsh/pwsh', {}, 'linux')).toEqual({ PATH: '/opt/pwsh:/usr/bin:/bin' });
  });

  it('never passes a runtime hook, whatever the platform', () => {
    for (const platform of ['win32', 'linux', 'darwin'] as const) {
      const path = platform === 'win32' ? POWERSHELL : '/opt/pwsh/pwsh';
      const names = Object.keys(elevatedEnvironment(path, HOSTILE_PARENT, platform));
      expect(names.filter((name) => RUNTIME_HOOK_NAME.test(name))).toEqual([]);
    }
  });

  it('names the runtime hooks the launcher refuses to run under', () => {
    const hooks = Object.keys(HOSTILE_PARENT).filter((name) => RUNTIME_HOOK_NAME.test(name));
    expect(hooks).toEqual([
      'COR_ENABLE_PROFILING',
      'COR_PROFILER',
      'COR_PROFILER_PATH',
      'CORECLR_ENABLE_PROFILING',
      'COMPlus_InstallRoot',
      'DOTNET_STARTUP_HOOKS',
      'DOTNET_ROOT',
      '__PSLockdownPolicy',
    ]);
    for (const sdkSetting of [
      'DOTNET_CLI_TELEMETRY_OPTOUT',
      'DOTNET_NOLOGO',
      'DOTNET_GENERATE_ASPNET_CERTIFICATE',
    ])
      expect(RUNTIME_HOOK_NAME.test(sdkSetting)).toBe(false);
  });
});
