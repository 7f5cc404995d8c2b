<#
  .SYNOPSIS
  Runs one RDP Repair batch with administrator rights.

  .DESCRIPTION
  Started by the app through the runas verb (one UAC prompt). It reads the interpreter module once, checks
  those bytes against the SHA-256 the unelevated app put in the launch text (-ModuleHash), and imports exactly
  those bytes, so a module swapped on disk is never run elevated. The batch itself travels inside the launch
  text (-EncodedBatch), so there is no batch file to swap. The answer goes back over the named pipe the app
  created (-PipeName), after the app's nonce (-Nonce): nothing elevated is written to a folder the user can write.
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
