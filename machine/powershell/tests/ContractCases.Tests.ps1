<#
  The contract table (machine/contract/contract-cases.ts) against the real interpreter, on a throwaway registry
  subtree (HKCU\Software\RdpRepairContractTest\<guid>) and a temp folder standing in for Documents.
  Export first: npx tsx machine/powershell/tests/export-contract-cases.ts $env:RDP_REPAIR_CONTRACT_JSON
#>

BeforeDiscovery {
  $tablePath = $env:RDP_REPAIR_CONTRACT_JSON
  if ([string]::IsNullOrEmpty($tablePath)) { $tablePath = Join-Path $PSScriptRoot 'contract-cases.json' }
  $table = Get-Content -LiteralPath $tablePath -Raw | ConvertFrom-Json
  $script:Cases = @($table.cases | ForEach-Object { @{ Name = $_.name; Case = $_ } })
}

BeforeAll {
  $script:OnWindows = [Environment]::OSVersion.Platform -eq [PlatformID]::Win32NT
  $script:ModulePath = Join-Path (Split-Path -Parent $PSScriptRoot) 'RdpRepair.Interpreter.psm1'
  $script:Module = Import-Module -Name $script:ModulePath -Force -PassThru

  function ConvertFrom-TestJson {
    param([string]$Text)
    return , (& $script:Module { param($t) ConvertFrom-BatchJson $t } $Text)
  }

  # Key order and number types differ between the two sides; this spelling does not.
  function ConvertTo-CanonicalJson {
    param($Value)
    if ($null -eq $Value) { return 'null' }
    if ($Value -is [bool]) { if ($Value) { return 'true' } return 'false' }
    if ($Value -is [string]) { return (ConvertTo-Json -InputObject $Value -Compress) }
    if ($Value -is [long] -or $Value -is [int] -or $Value -is [double]) {
      return ([decimal]$Value).ToString([Globalization.CultureInfo]::InvariantCulture)
    }
    if ($Value -is [System.Collections.IDictionary]) {
      [string[]]$keys = @($Value.Keys)
      [Array]::Sort($keys, [StringComparer]::Ordinal)
      $parts = foreach ($key in $keys) { (ConvertTo-Json -InputObject $key -Compress) + ':' + (ConvertTo-CanonicalJson $Value[$key]) }
      return '{' + ($parts -join ',') + '}'
    }
    $items = foreach ($item in $Value) { ConvertTo-CanonicalJson $item }
    return '[' + (@($items) -join ',') + ']'
  }

  function Invoke-TestBatch {
    param([string]$Encoded, [string]$Root, [string]$Documents)
    $json = Invoke-RdpRepairBatch -EncodedBatch $Encoded -TestRegistryRoot $Root -DocumentsFolder $Documents
    $document = ConvertFrom-TestJson $json
    $document.ContainsKey('results') | Should -BeTrue -Because "the interpreter answered $json"
    return , $document['results']
  }

  # A starting key under a read-only root (the Terminal Server key), which the interpreter rightly refuses to
  # write: written here, under the test subtree where the interpreter's test mapping reads it.
  function Write-RegistrySeed {
    param([string]$SubKey, $Values)
    $key = [Microsoft.Win32.Registry]::CurrentUser.CreateSubKey($SubKey)
    try {
      foreach ($name in @($Values.Keys)) {
        $value = $Values[$name]
        $data = $value['data']
        switch ($value['type']) {
          'REG_SZ' { $key.SetValue($name, [string]$data, [Microsoft.Win32.RegistryValueKind]::String) }
          'REG_EXPAND_SZ' { $key.SetValue($name, [string]$data, [Microsoft.Win32.RegistryValueKind]::ExpandString) }
          'REG_MULTI_SZ' { $key.SetValue($name, [string[]]@($data), [Microsoft.Win32.RegistryValueKind]::MultiString) }
          'REG_DWORD' { $key.SetValue($name, [BitConverter]::ToInt32([BitConverter]::GetBytes([uint32]$data), 0), [Microsoft.Win32.RegistryValueKind]::DWord) }
          'REG_QWORD' { $key.SetValue($name, [BitConverter]::ToInt64([BitConverter]::GetBytes([uint64]$data), 0), [Microsoft.Win32.RegistryValueKind]::QWord) }
          'REG_BINARY' {
            $bytes = New-Object byte[] ($data.Length / 2)
            for ($i = 0; $i -lt $bytes.Length; $i++) { $bytes[$i] = [Convert]::ToByte($data.Substring(2 * $i, 2), 16) }
            $key.SetValue($name, $bytes, [Microsoft.Win32.RegistryValueKind]::Binary)
          }
          default { throw ('A seed value of type ' + $value['type'] + ' cannot be written here.') }
        }
      }
    } finally { $key.Close() }
  }

  function Assert-Result {
    param($Actual, [string]$ExpectedJson, [string]$What)
    $expected = ConvertFrom-TestJson $ExpectedJson
    $Actual.Length | Should -Be $expected.Length
    for ($i = 0; $i -lt $expected.Length; $i++) {
      $want = $expected[$i]
      $got = $Actual[$i]
      if ($want['ok']) {
        (ConvertTo-CanonicalJson $got) | Should -Be (ConvertTo-CanonicalJson $want) -Because "$What op $($i + 1)"
      } else {
        $got['ok'] | Should -BeFalse -Because "$What op $($i + 1)"
        $got['error']['code'] | Should -Be $want['error']['code'] -Because "$What op $($i + 1): $($got['error']['message'])"
      }
    }
  }
}

Describe 'Contract cases against the PowerShell interpreter' {
  It '<Name>' -ForEach $Cases {
    if ($null -ne $Case.windowsApi -and -not $script:OnWindows) {
      Set-ItResult -Skipped -Because ('it needs ' + $Case.windowsApi + ', which PowerShell has only on Windows')
    }
    $id = [guid]::NewGuid().ToString('N')
    $root = 'HKCU\Software\RdpRepairContractTest\' + $id
    $documents = Join-Path ([IO.Path]::GetTempPath()) ('rdp-repair-contract-' + $id)
    $null = New-Item -ItemType Directory -Path $documents
    try {
      if ($Case.setup) {
        $setup = Invoke-TestBatch $Case.setup $root $documents
        foreach ($result in $setup) { $result['ok'] | Should -BeTrue -Because 'the starting machine must be set up' }
      }
      foreach ($seed in (ConvertFrom-TestJson $Case.seedRegistry)) {
        Write-RegistrySeed ('Software\RdpRepairContractTest\' + $id + '\' + $seed['subKey']) $seed['values']
      }
      $results = Invoke-TestBatch $Case.run $root $documents
      Assert-Result $results $Case.expected 'result of'
      if ($Case.check) {
        $after = Invoke-TestBatch $Case.check $root $documents
        Assert-Result $after $Case.checkExpected 'machine after, check'
      }
    } finally {
      if ($script:OnWindows) { Remove-Item -LiteralPath ('HKCU:\Software\RdpRepairContractTest\' + $id) -Recurse -Force -ErrorAction SilentlyContinue }
      Get-ChildItem -LiteralPath $documents -Force -ErrorAction SilentlyContinue | ForEach-Object { $_.Attributes = 'Normal' }
      Remove-Item -LiteralPath $documents -Recurse -Force -ErrorAction SilentlyContinue
    }
  }
}
