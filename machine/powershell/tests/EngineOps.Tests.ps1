<#
  Every op the engine sends, for every sample machine (machine/powershell/tests/export-engine-ops.ts: scan reads, each planned change's
  ops and inverse, and the batches of a whole fix-then-undo run), through Invoke-RdpRepairBatch's argument and
  allow-list checks in this PowerShell. A refusal (invalid-argument) fails and names the repair, the op and the
  path. On Linux an accepted op then fails at the Windows API it calls (the registry throws "not supported on
  this platform"): that is told apart from a refusal and counts as accepted. On Windows CI this file skips:
  those ops would change the runner's own HKLM, services and certificates; the contract table runs there.
  Export first: npx tsx machine/powershell/tests/export-engine-ops.ts $env:RDP_REPAIR_ENGINE_OPS_JSON
#>

BeforeDiscovery {
  $tablePath = $env:RDP_REPAIR_ENGINE_OPS_JSON
  if ([string]::IsNullOrEmpty($tablePath)) { $tablePath = Join-Path $PSScriptRoot 'engine-ops.json' }
  $table = Get-Content -LiteralPath $tablePath -Raw | ConvertFrom-Json
  $script:Entries = @($table.entries | ForEach-Object { @{ Label = $_.label; Op = $_.op; Path = $_.path; Batch = $_.batch } })
}

BeforeAll {
  $script:OnWindows = [Environment]::OSVersion.Platform -eq [PlatformID]::Win32NT
  $modulePath = Join-Path (Split-Path -Parent $PSScriptRoot) 'RdpRepair.Interpreter.psm1'
  $script:Module = Import-Module -Name $modulePath -Force -PassThru
  $script:Documents = Join-Path ([IO.Path]::GetTempPath()) ('rdp-repair-engine-ops-' + [guid]::NewGuid().ToString('N'))
  $null = New-Item -ItemType Directory -Path $script:Documents
}

AfterAll {
  Get-ChildItem -LiteralPath $script:Documents -Force -ErrorAction SilentlyContinue | ForEach-Object { $_.Attributes = 'Normal' }
  Remove-Item -LiteralPath $script:Documents -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The engine''s ops through the real interpreter' {
  It '<Label>: <Op> <Path>' -ForEach $Entries {
    if ($script:OnWindows) { Set-ItResult -Skipped -Because 'on Windows these ops would change the CI runner itself; the contract table runs there' }
    $json = Invoke-RdpRepairBatch -EncodedBatch $Batch -TestRegistryRoot 'HKCU\Software\RdpRepairContractTest\engine-ops' -DocumentsFolder $script:Documents
    $document = & $script:Module { param($t) ConvertFrom-BatchJson $t } $json
    $document.ContainsKey('results') | Should -BeTrue -Because "the batch itself was refused: $json"
    $result = $document['results'][0]
    if (-not $result['ok']) {
      $code = $result['error']['code']
      $message = $result['error']['message']
      $code | Should -Not -Be 'invalid-argument' -Because "the interpreter refused $Op on $Path ($Label): $message"
      if ($Op.StartsWith('registry.')) {
        # Accepted: the op got past every check to the registry call, which Linux does not have.
        $message | Should -Match 'not supported on this platform' -Because "$Op $Path failed for another reason: $message"
      }
    }
  }
}
