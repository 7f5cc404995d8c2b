<#
  Pester 5 tests of the interpreter's system ops: facts, services, policy refresh, network adapters and security
  products, restore points.
  Setup shared with the other RdpRepair.Interpreter.*.Tests.ps1 files: RdpRepair.Interpreter.TestSetup.ps1.
#>

BeforeAll {
  . (Join-Path $PSScriptRoot 'RdpRepair.Interpreter.TestSetup.ps1')
}

Describe 'RdpRepair.Interpreter' {
BeforeEach { Initialize-TestSandbox }

AfterEach { Remove-TestSandbox }

Describe 'system facts' {
  It 'answers every field' {
    Skip-UnlessWindows 'CIM (Win32_OperatingSystem) and Windows identities'
    $facts = (Invoke-Batch '{"mode":"read","ops":[{"op":"system.facts"}]}')['results'][0]['value']
    $facts['build'] | Should -Match '^[0-9]+\.[0-9]+\.[0-9]+$'
    $facts['powershellVersion'] | Should -Be $PSVersionTable.PSVersion.ToString()
    $facts['documentsFolder'] | Should -Be $script:Documents
  }
}

Describe 'services' {
  It 'answers whether <Name> exists and, if so, its state' -ForEach @(@{ Name = 'TermService' }, @{ Name = 'SessionEnv' }, @{ Name = 'UmRdpService' }) {
    Skip-UnlessWindows 'the service manager'
    $value = (Invoke-Batch ('{"mode":"read","ops":[{"op":"service.status","name":"' + $Name + '"}]}'))['results'][0]['value']
    $service = Get-Service -Name $Name -ErrorAction SilentlyContinue
    $value['exists'] | Should -Be ($null -ne $service)
    if ($null -ne $service) { $value['status'] | Should -BeIn @('Running', 'Stopped', 'StartPending', 'StopPending', 'Paused') }
  }
}

Describe 'policy refresh' {
  It 'runs gpupdate so that it never waits for a Y/N answer (no waiting for processing, no input)' {
    $arguments = & $script:Module { $script:PolicyRefreshArguments }
    $arguments | Should -Be @('/target:computer', '/force', '/wait:0')
  }

  It 'is refused outside the elevated batch, before gpupdate is started' {
    $result = (Invoke-Batch '{"mode":"write","ops":[{"op":"policy.refresh"}]}')['results'][0]
    $result['error']['code'] | Should -Be 'invalid-argument'
  }
}

Describe 'network adapters and security products' {
  It 'lists every adapter Windows reports, each with a status the app knows' {
    Skip-UnlessWindows 'Get-NetAdapter'
    $value = @((Invoke-Batch '{"mode":"read","ops":[{"op":"net.adapters"}]}')['results'][0]['value'])
    @($value | Where-Object { $_['kind'] -eq 'adapter' }).Count | Should -Be @(Get-NetAdapter -ErrorAction SilentlyContinue).Count
    foreach ($adapter in $value) { $adapter['status'] | Should -BeIn @('Up', 'Down', 'Disconnected', 'Disabled', 'NotPresent', 'Unknown') }
  }

  It 'off Windows, where there is no CIM at all, is an op error: could not check, never "no products"' {
    if ($script:OnWindows) { Set-ItResult -Skipped -Because 'Windows has CIM; the next test covers it'; return }
    $result = (Invoke-Batch '{"mode":"read","ops":[{"op":"security.products"}]}')['results'][0]
    $result['ok'] | Should -BeFalse
  }

  It 'tells a missing namespace (Windows Server) from any other CIM failure' {
    $missing = New-Object Management.Automation.ErrorRecord ((New-Object Exception 'Invalid namespace')), 'HRESULT 0x8004100e,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand', 'ObjectNotFound', $null
    $denied = New-Object Management.Automation.ErrorRecord ((New-Object UnauthorizedAccessException 'Access denied')), 'HRESULT 0x80041003,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand', 'PermissionDenied', $null
    (& $script:Module { param($e) Test-InvalidCimNamespace $e } $missing) | Should -BeTrue
    (& $script:Module { param($e) Test-InvalidCimNamespace $e } $denied) | Should -BeFalse
  }

  It 'answers the security products, or none where Windows has no Security Center (Windows Server)' {
    Skip-UnlessWindows 'CIM (root/SecurityCenter2)'
    $result = (Invoke-Batch '{"mode":"read","ops":[{"op":"security.products"}]}')['results'][0]
    $result['ok'] | Should -BeTrue
    foreach ($product in @($result['value'])) {
      $product['kind'] | Should -BeIn @('antivirus', 'antispyware', 'firewall')
      $product['state'] | Should -BeIn @('on', 'off', 'snoozed', 'expired', 'unknown')
    }
  }
}

Describe 'restore points' {
  It 'on Windows Server, where there is no System Restore, is an op error and nothing after it runs' {
    Skip-UnlessWindows 'CIM (SystemRestore)'
    if ((Get-CimInstance -ClassName Win32_OperatingSystem).ProductType -eq 1) {
      Set-ItResult -Skipped -Because 'this is a Windows client, where the op would make a real restore point'
      return
    }
    $json = '{"mode":"write","ops":[{"op":"system.restorePoint","description":"RDP Repair Pester"},{"op":"registry.setValue","path":"' + $script:Tsc + '\\Default","name":"after","value":{"type":"REG_DWORD","data":1}}]}'
    $results = (Invoke-Batch $json)['results']
    $results[0]['ok'] | Should -BeFalse
    $results[1]['error']['code'] | Should -Be 'skipped'
    Test-Path -LiteralPath ($script:RootProvider + '\HKCU\Software\Microsoft\Terminal Server Client\Default') | Should -BeFalse
  }
}
}
