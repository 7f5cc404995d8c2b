<#
  Runs the Pester suites under this folder with the Pester module at -PesterPath, then prints one line
  'PESTER {"passed":N,"failed":N,"skipped":N,"notRun":N}' after Pester's own output. Called by
  machine/powershell/tests/run-tests.ts; the Windows workflow calls Pester directly, pinned to the same version.
#>
param([Parameter(Mandatory = $true)][string]$PesterPath)
$ErrorActionPreference = 'Stop'
Import-Module -Name $PesterPath -Force
$config = New-PesterConfiguration
$config.Run.Path = $PSScriptRoot
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$result = Invoke-Pester -Configuration $config
$counts = [ordered]@{
  passed = $result.PassedCount
  failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
  skipped = $result.SkippedCount
  notRun = $result.NotRunCount
}
'PESTER ' + (ConvertTo-Json -InputObject $counts -Compress)
