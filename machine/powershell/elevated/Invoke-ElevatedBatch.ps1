<#
  .SYNOPSIS
  Runs one RDP Repair batch with administrator rights.

  .DESCRIPTION
  Started by the app through the runas verb (one UAC prompt). It reads the interpreter module once, checks
  those bytes against the SHA-256 the unelevated app put in the launch text (-ModuleHash), and imports exactly
  those bytes, so a module swapped on disk is never run elevated. The batch itself travels inside the launch
  text (-EncodedBatch), so there is no batch file to swap. The answer goes back over the named pipe the app
  created (-PipeName), after the app's nonce (-Nonce): nothing elevated is written to a folder the user can write.
  Before any of that it refuses to run under a runtime hook (Get-RuntimeHookVariable) and resets its own
  environment to the app's allow-list (Reset-ProcessEnvironment).
#>
[CmdletBinding()]
param(
  [Parameter(Mandatory = $true)][string]$ModulePath,
  [Parameter(Mandatory = $true)][string]$ModuleHash,
  [Parameter(Mandatory = $true)][string]$EncodedBatch,
  [Parameter(Mandatory = $true)][string]$PipeName,
  [Parameter(Mandatory = $true)][string]$Nonce
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

function Get-Sha256Hex {
  param([byte[]]$Bytes)
  $sha = [Security.Cryptography.SHA256]::Create()
  try { return ([BitConverter]::ToString($sha.ComputeHash($Bytes)) -replace '-', '').ToLowerInvariant() } finally { $sha.Dispose() }
}

# One connection to the app's pipe, the nonce, a newline, the JSON; the app reads until the pipe closes.
function Send-Answer {
  param([string]$Json)
  $pipe = New-Object System.IO.Pipes.NamedPipeClientStream ('.', $PipeName, [System.IO.Pipes.PipeDirection]::Out)
  try {
    $pipe.Connect(10000)
    $bytes = (New-Object Text.UTF8Encoding $false).GetBytes($Nonce + "`n" + $Json)
    $pipe.Write($bytes, 0, $bytes.Length)
    $pipe.Flush()
  } finally { $pipe.Dispose() }
}

# $started: whether the batch had begun when it failed. Until then nothing ran, and the app knows it.
$started = $false

# Runtime hooks run code when the runtime starts, before this script: a CLR profiler (COR_*), a .NET startup
# hook or runtime knob (DOTNET_*, COMPlus_*, CORECLR_*), PowerShell's lockdown switch. The app starts the
# elevation without them, but Windows builds an elevated process's environment from the user's registry,
# which a same-user process can write. One found here means code may already have run: the batch is not run.
# The .NET SDK's own settings (DOTNET_CLI_*, DOTNET_NOLOGO...) configure no runtime, and a value an
# administrator set machine-wide (a monitoring tool's profiler) is the machine's own: both pass.
function Get-RuntimeHookVariable {
  $pattern = '^(COR_|CORECLR_|COMPLUS_|DOTNET_(?!(CLI_|NOLOGO$|GENERATE_ASPNET_CERTIFICATE$|SKIP_FIRST_TIME_EXPERIENCE$))|__PSLockdownPolicy$)'
  $machine = @{}
  foreach ($entry in [Environment]::GetEnvironmentVariables([EnvironmentVariableTarget]::Machine).GetEnumerator()) {
    $machine[[string]$entry.Key] = [string]$entry.Value
  }
  $found = New-Object System.Collections.Generic.List[string]
  foreach ($entry in [Environment]::GetEnvironmentVariables([EnvironmentVariableTarget]::Process).GetEnumerator()) {
    $name = [string]$entry.Key
    if ($name -notmatch $pattern) { continue }
    if ($machine.ContainsKey($name) -and $machine[$name] -ceq [string]$entry.Value) { continue }
    $found.Add($name)
  }
  $found.Sort()
  return , $found.ToArray()
}

# From here on this process, and all it starts (gpupdate), runs with the app's short allow-list
# (elevated-environment.ts), built from the Windows folder and $PSHOME, never from a variable: what Windows
# handed over is the user's registry environment, with the user's folders on PATH and the user's TEMP.
function Reset-ProcessEnvironment {
  $keep = @{}
  $windows = [Environment]::OSVersion.Platform -eq [PlatformID]::Win32NT
  if ($windows) {
    $system32 = [Environment]::SystemDirectory
    $root = [IO.Path]::GetDirectoryName($system32)
    $keep = @{ SystemRoot = $root; windir = $root; SystemDrive = $root.Substring(0, 2); PATHEXT = '.COM;.EXE;.BAT;.CMD' }
    $keep['ComSpec'] = [IO.Path]::Combine($system32, 'cmd.exe')
    $keep['PATH'] = $system32 + ';' + $PSHOME
    $keep['TEMP'] = [IO.Path]::Combine($root, 'Temp')
    $keep['TMP'] = $keep['TEMP']
  } else {
    # Off Windows (the tests' stand-in for the UAC hop): pwsh's HOME, and TMPDIR, where the answer pipe lives.
    $keep['PATH'] = $PSHOME + ':/usr/bin:/bin'
    foreach ($name in @('HOME', 'TMPDIR')) {
      $value = [Environment]::GetEnvironmentVariable($name)
      if ($value) { $keep[$name] = $value }
    }
  }
  $keep['PSModulePath'] = [IO.Path]::Combine($PSHOME, 'Modules')
  $names = @($keep.Keys)
  foreach ($name in @([Environment]::GetEnvironmentVariables().Keys)) {
    # Windows' names are case-insensitive; elsewhere Path is not PATH, and must go too.
    $kept = if ($windows) { $names -contains $name } else { $names -ccontains $name }
    if (-not $kept) { [Environment]::SetEnvironmentVariable([string]$name, $null) }
  }
  foreach ($name in $names) { [Environment]::SetEnvironmentVariable($name, $keep[$name]) }
}

function Send-BatchError {
  param([string]$Message)
  $document = [ordered]@{ protocol = 1; error = [ordered]@{ code = 'failed'; message = $Message }; started = $started }
  Send-Answer (ConvertTo-Json -InputObject $document -Depth 5 -Compress)
}

try {
  if ($ModuleHash -notmatch '^[0-9a-fA-F]{64}$' -or $PipeName -notmatch '^rdp-repair-[0-9a-f]{24}$' -or $Nonce -notmatch '^[0-9a-f]{32}$') {
    if ($PipeName -match '^rdp-repair-[0-9a-f]{24}$' -and $Nonce -match '^[0-9a-f]{32}$') {
      Send-BatchError 'The elevated runner was started without a valid module hash.'
    }
    exit 2
  }
  $hooks = Get-RuntimeHookVariable
  if ($hooks.Count -gt 0) {
    Send-BatchError ('The administrator PowerShell started with ' + ($hooks -join ', ') + ' set, which lets another program run code inside it, so it changed nothing; remove that from your user environment variables and try again.')
    exit 4
  }
  Reset-ProcessEnvironment
  $moduleBytes = [IO.File]::ReadAllBytes($ModulePath)
  if ((Get-Sha256Hex $moduleBytes) -ne $ModuleHash.ToLowerInvariant()) {
    Send-BatchError 'The interpreter module does not match the one shipped with RDP Repair (SHA-256 differs).'
    exit 3
  }
  $moduleText = [Text.Encoding]::UTF8.GetString($moduleBytes).TrimStart([char]0xFEFF)
  $module = New-Module -Name 'RdpRepair.Interpreter' -ScriptBlock ([scriptblock]::Create($moduleText))
  $started = $true
  $json = & $module { Invoke-RdpRepairBatch -EncodedBatch $args[0] } $EncodedBatch
  Send-Answer $json
  exit 0
} catch {
  try { Send-BatchError ('The elevated batch failed: ' + $_.Exception.Message) } catch { exit 5 }
  exit 1
}
