<#
  .SYNOPSIS
  Runs one RDP Repair batch with administrator rights.

  .DESCRIPTION
  Started by the app through Start-Process -Verb RunAs (one UAC prompt). It reads the interpreter module once,
  checks those bytes against the SHA-256 the unelevated app put on its command line (-ModuleHash), and imports exactly those
  bytes, so a module swapped on disk is never run elevated. The batch is checked against its own hash the same
  way. Results go to results.json in the per-run folder.
#>
[CmdletBinding()]
param(
  [Parameter(Mandatory = $true)][string]$ModulePath,
  [Parameter(Mandatory = $true)][string]$ModuleHash,
  [Parameter(Mandatory = $true)][string]$RunFolder,
  [Parameter(Mandatory = $true)][string]$BatchHash
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$resultPath = Join-Path $RunFolder 'results.json'

function Get-Sha256Hex {
  param([byte[]]$Bytes)
  $sha = [Security.Cryptography.SHA256]::Create()
  try { return ([BitConverter]::ToString($sha.ComputeHash($Bytes)) -replace '-', '').ToLowerInvariant() } finally { $sha.Dispose() }
}

function Write-ResultFile {
  param([string]$Json)
  # Written beside and renamed, so the app never reads half a file.
  $partial = $resultPath + '.partial'
  [IO.File]::WriteAllText($partial, $Json, (New-Object Text.UTF8Encoding $false))
  Move-Item -LiteralPath $partial -Destination $resultPath -Force
}

# $started: whether the batch had begun when it failed. Until then nothing ran, and the app knows it.
$started = $false

function Write-BatchError {
  param([string]$Message)
  $document = [ordered]@{ protocol = 1; error = [ordered]@{ code = 'failed'; message = $Message }; started = $started }
  Write-ResultFile (ConvertTo-Json -InputObject $document -Depth 5 -Compress)
}

try {
  if ($ModuleHash -notmatch '^[0-9a-fA-F]{64}$' -or $BatchHash -notmatch '^[0-9a-fA-F]{64}$') {
    Write-BatchError 'The elevated runner was started without valid hashes.'
    exit 2
  }
  $moduleBytes = [IO.File]::ReadAllBytes($ModulePath)
  if ((Get-Sha256Hex $moduleBytes) -ne $ModuleHash.ToLowerInvariant()) {
    Write-BatchError 'The interpreter module does not match the one shipped with RDP Repair (SHA-256 differs).'
    exit 3
  }
  $batchBytes = [IO.File]::ReadAllBytes((Join-Path $RunFolder 'batch.json'))
  if ((Get-Sha256Hex $batchBytes) -ne $BatchHash.ToLowerInvariant()) {
    Write-BatchError 'The batch file was changed after RDP Repair wrote it (SHA-256 differs).'
    exit 4
  }
  $moduleText = [Text.Encoding]::UTF8.GetString($moduleBytes).TrimStart([char]0xFEFF)
  $module = New-Module -Name 'RdpRepair.Interpreter' -ScriptBlock ([scriptblock]::Create($moduleText))
  $encodedBatch = [Convert]::ToBase64String($batchBytes)
  $started = $true
  $json = & $module { Invoke-RdpRepairBatch -EncodedBatch $args[0] } $encodedBatch
  Write-ResultFile $json
  exit 0
} catch {
  Write-BatchError ('The elevated batch failed: ' + $_.Exception.Message)
  exit 1
}
