<#
  Shared setup of the RdpRepair.Interpreter.*.Tests.ps1 files (Pester 5 tests of the interpreter module, in
  PowerShell 7 on Linux (npm run test:powershell) and in 5.1 and 7 on Windows CI). Each file dot-sources this one
  in its BeforeAll, and calls Initialize-TestSandbox / Remove-TestSandbox around each test. What needs a Windows
  API (the registry, Cert:, Credential Manager, services, CIM, the event log) skips elsewhere with that reason;
  the rest runs everywhere. Registry work happens under a throwaway HKCU\Software\RdpRepairContractTest subtree;
  files in a temp folder standing in for Documents. Not a test file itself: Pester runs only *.Tests.ps1.
#>

$script:ModulePath = Join-Path (Split-Path -Parent $PSScriptRoot) 'RdpRepair.Interpreter.psm1'
$script:LauncherPath = Join-Path (Join-Path (Split-Path -Parent $PSScriptRoot) 'elevated') 'Invoke-ElevatedBatch.ps1'
$script:Module = Import-Module -Name $script:ModulePath -Force -PassThru
# $IsWindows does not exist in Windows PowerShell 5.1 (and StrictMode would refuse it there).
$script:OnWindows = [Environment]::OSVersion.Platform -eq [PlatformID]::Win32NT
# This PowerShell as a program to start: a dotnet-tool pwsh runs as "dotnet pwsh.dll", so not its process path.
$script:Shell = (Get-Process -Id $PID).Path
if ($PSVersionTable.PSVersion.Major -ge 6) {
  $executable = 'pwsh'
  if ($script:OnWindows) { $executable = 'pwsh.exe' }
  $script:Shell = Join-Path $PSHOME $executable
}

# Stops the test as skipped, with the reason, where the Windows API it needs does not exist.
function Skip-UnlessWindows {
  param([string]$What)
  if (-not $script:OnWindows) { Set-ItResult -Skipped -Because "it needs $What, which PowerShell has only on Windows" }
}

function ConvertTo-EncodedBatch {
  param([string]$Json)
  return [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($Json))
}

function ConvertFrom-TestJson {
  param([string]$Text)
  return , (& $script:Module { param($t) ConvertFrom-BatchJson $t } $Text)
}

function Invoke-Batch {
  param([string]$Json)
  $raw = Invoke-RdpRepairBatch -EncodedBatch (ConvertTo-EncodedBatch $Json) -TestRegistryRoot $script:Root -DocumentsFolder $script:Documents
  $script:LastRaw = $raw
  return , (ConvertFrom-TestJson $raw)
}

$script:Tsc = 'HKCU\\Software\\Microsoft\\Terminal Server Client'

# Before each test: a fresh registry subtree and Documents folder of its own.
function Initialize-TestSandbox {
  $id = [guid]::NewGuid().ToString('N')
  $script:Root = 'HKCU\Software\RdpRepairContractTest\' + $id
  $script:RootProvider = 'HKCU:\Software\RdpRepairContractTest\' + $id
  $script:Documents = Join-Path ([IO.Path]::GetTempPath()) ('rdp-repair-pester-' + $id)
  $null = New-Item -ItemType Directory -Path $script:Documents
}

# After each test: both taken away again, read-only files included.
function Remove-TestSandbox {
  if ($script:OnWindows) { Remove-Item -LiteralPath $script:RootProvider -Recurse -Force -ErrorAction SilentlyContinue }
  Get-ChildItem -LiteralPath $script:Documents -Force -ErrorAction SilentlyContinue | ForEach-Object { $_.Attributes = 'Normal' }
  Remove-Item -LiteralPath $script:Documents -Recurse -Force -ErrorAction SilentlyContinue
}
