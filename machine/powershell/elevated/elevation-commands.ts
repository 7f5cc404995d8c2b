import { decoded, hashLiteral, isWindowHandle, literal, tokenLiteral } from '../powershell-commands.js';
import { ENVIRONMENT_REFUSED, RUNTIME_HOOK_NAME } from './elevated-environment.js';

/*
 * The PowerShell of the elevated launch: the unelevated hop that asks for the one UAC prompt (elevationScript,
 * Process.Start with the runas verb) and the script the elevated PowerShell then runs (elevatedScript: the
 * verified launcher, Invoke-ElevatedBatch.ps1, with the module hash, the batch and the answer pipe). Data is
 * quoted only through powershell-commands.ts's checked helpers (base64, hex hashes, tokens).
 */

export interface ElevatedRun {
  launcherText: string;
  modulePath: string;
  moduleSha256: string;
  /** The batch itself (encodeBatch), inside the launch text: no file to swap. */
  encodedBatch: string;
  /** The app's named pipe for the answer, and the nonce the answer must start with (result-pipe.ts). */
  pipeName: string;
  nonce: string;
}

/**
 * The script the elevated PowerShell runs: the launcher's own text (already checked against its build-time hash,
 * so what runs elevated is exactly what was checked) called with the module path, hashes and run folder.
 */
export function elevatedScript(run: ElevatedRun): string {
  return [
    // Before anything else: no module from a user-writable folder (Documents\\PowerShell\\Modules, a same-user
    // PSModulePath) may load elevated, by name or by autoloading; the built-in ones come from $PSHOME only.
    "$PSModuleAutoLoadingPreference = 'None'",
    "$env:PSModulePath = [IO.Path]::Combine($PSHOME, 'Modules')",
    // With autoloading off even Join-Path needs its module: .NET until the built-ins are imported by full path.
    "foreach ($name in @('Microsoft.PowerShell.Utility', 'Microsoft.PowerShell.Management', 'Microsoft.PowerShell.Diagnostics', 'Microsoft.PowerShell.Security', 'CimCmdlets')) { $manifest = [IO.Path]::Combine($PSHOME, 'Modules', $name, $name + '.psd1'); if ([IO.File]::Exists($manifest)) { Import-Module -Name $manifest } }",
    `$launcher = [scriptblock]::Create(${decoded(run.launcherText)})`,
    `& $launcher -ModulePath ${decoded(run.modulePath)} -ModuleHash ${hashLiteral(run.moduleSha256)}` +
      ` -EncodedBatch ${literal(run.encodedBatch)} -PipeName ${tokenLiteral(run.pipeName, /^rdp-repair-[0-9a-f]{24}$/)}` +
      ` -Nonce ${tokenLiteral(run.nonce, /^[0-9a-f]{32}$/)}`,
  ].join('\n');
}

export const UAC_DECLINED_EXIT_CODE = 1223;

/**
 * Windows builds the elevated process's environment from the user's registry (HKCU\Environment), not from
 * this script's: a runtime hook there would run code in the elevated PowerShell before any of its script.
 * So the user's registry environment is read first, and a hook there stops everything before the prompt.
 * A hook written there during the prompt itself is the launcher's to catch (Get-RuntimeHookVariable).
 */
function registryHookCheck(): string {
  return [
    '$hooks = @();',
    "try { $key = [Microsoft.Win32.Registry]::CurrentUser.OpenSubKey('Environment');",
    `  if ($null -ne $key) { $hooks = @(@($key.GetValueNames()) -match '${RUNTIME_HOOK_NAME.source}'); $key.Close() } } catch { };`,
    `if ($hooks.Count -gt 0) { [Console]::Out.WriteLine('${ENVIRONMENT_REFUSED}' + ($hooks -join ',')); exit 2 };`,
  ].join(' ');
}

function ownerWindowLines(ownerWindow: string | undefined): string[] {
  if (ownerWindow === undefined) return [];
  if (!isWindowHandle(ownerWindow)) throw new Error('The owner window handle is not a window handle.');
  return [
    '  $start.ErrorDialog = $true;',
    `  $start.ErrorDialogParentHandle = [IntPtr][long]${BigInt.asIntN(64, BigInt(ownerWindow)).toString()};`,
  ];
}

/**
 * Run by an unelevated powershell.exe (-Command, one line): starts the elevated one (one UAC prompt), waits and
 * passes its exit code on. Process.Start with the runas verb, not Start-Process: Start-Process rethrows a
 * declined prompt as an InvalidOperationException without Win32 error 1223, so a "No" would look like a failed
 * batch (a rollback, a second prompt). Here the Win32Exception, with 1223, is what Process.Start throws.
 *
 * `ownerWindow`: the app window's handle (HWND, as decimal digits). This powershell.exe is hidden and has no
 * window, and Microsoft documents that an elevation without a proper owner window may only flash in the taskbar
 * instead of prompting: the user would never see the prompt and the batch would time out. With ErrorDialog on,
 * Process.Start passes ErrorDialogParentHandle to ShellExecuteEx as SHELLEXECUTEINFO.hwnd, the prompt's owner.
 */
export function elevationScript(
  powershellPath: string,
  elevatedEncodedCommand: string,
  ownerWindow?: string,
): string {
  return [
    'try {',
    registryHookCheck(),
    '  $start = New-Object Diagnostics.ProcessStartInfo;',
    `  $start.FileName = ${decoded(powershellPath)};`,
    `  $start.Arguments = '-NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand ' + ${literal(elevatedEncodedCommand)};`,
    "  $start.Verb = 'runas';",
    '  $start.UseShellExecute = $true;',
    '  $start.WindowStyle = [Diagnostics.ProcessWindowStyle]::Hidden;',
    ...ownerWindowLines(ownerWindow),
    '  $process = [Diagnostics.Process]::Start($start);',
    '  $process.WaitForExit();',
    '  exit $process.ExitCode;',
    '} catch {',
    '  $cursor = $_.Exception;',
    '  while ($null -ne $cursor) {',
    `    if ($cursor -is [System.ComponentModel.Win32Exception] -and $cursor.NativeErrorCode -eq ${UAC_DECLINED_EXIT_CODE}) { exit ${UAC_DECLINED_EXIT_CODE} };`,
    '    $cursor = $cursor.InnerException;',
    '  };',
    '  exit 1;',
    '}',
  ].join(' ');
}
