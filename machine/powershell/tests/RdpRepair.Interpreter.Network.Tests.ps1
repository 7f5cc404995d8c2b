<#
  Pester 5 tests of the interpreter's net.probeTcp: refused and open ports, every resolved address in turn, each
  within its share of the timeout.
  Setup shared with the other RdpRepair.Interpreter.*.Tests.ps1 files: RdpRepair.Interpreter.TestSetup.ps1.
#>

BeforeAll {
  . (Join-Path $PSScriptRoot 'RdpRepair.Interpreter.TestSetup.ps1')
}

Describe 'RdpRepair.Interpreter' {
BeforeEach { Initialize-TestSandbox }

AfterEach { Remove-TestSandbox }

Describe 'network' {
  It 'reports a closed local port as refused, within the timeout' {
    $listener = New-Object Net.Sockets.TcpListener ([Net.IPAddress]::Loopback, 0)
    $listener.Start()
    $port = $listener.LocalEndpoint.Port
    $listener.Stop()
    $results = (Invoke-Batch ('{"mode":"read","ops":[{"op":"net.probeTcp","host":"127.0.0.1","port":' + $port + ',"timeoutMs":3000}]}'))['results']
    $results[0]['value']['open'] | Should -BeFalse
    $results[0]['value']['error'] | Should -Be 'refused'
  }

  It 'tries every resolved address in turn: an IPv6 address with nothing behind it, then the IPv4 one that answers' {
    $listener = New-Object Net.Sockets.TcpListener ([Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try {
      Mock -ModuleName 'RdpRepair.Interpreter' Resolve-HostAddress { return , @([Net.IPAddress]::IPv6Loopback, [Net.IPAddress]::Loopback) }
      $results = (Invoke-Batch ('{"mode":"read","ops":[{"op":"net.probeTcp","host":"server01.contoso.com","port":' + $listener.LocalEndpoint.Port + ',"timeoutMs":3000}]}'))['results']
      $results[0]['value']['open'] | Should -BeTrue
      $results[0]['value']['address'] | Should -Be '127.0.0.1'
    } finally { $listener.Stop() }
  }

  It 'gives a silent first address only its share of the timeout, so the second one is still tried' {
    $listener = New-Object Net.Sockets.TcpListener ([Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try {
      Mock -ModuleName 'RdpRepair.Interpreter' Resolve-HostAddress { return , @([Net.IPAddress]::IPv6Loopback, [Net.IPAddress]::Loopback) }
      # The IPv6 route swallows the SYN (as over many VPNs): that attempt waits out whatever it is given.
      Mock -ModuleName 'RdpRepair.Interpreter' Test-TcpConnect { Start-Sleep -Milliseconds $TimeoutMs; 'timeout' } -ParameterFilter { $Address.AddressFamily -eq 'InterNetworkV6' }
      $results = (Invoke-Batch ('{"mode":"read","ops":[{"op":"net.probeTcp","host":"server01.contoso.com","port":' + $listener.LocalEndpoint.Port + ',"timeoutMs":2000}]}'))['results']
      $results[0]['value']['open'] | Should -BeTrue
      $results[0]['value']['address'] | Should -Be '127.0.0.1'
      # Half of the 2 s for the first of two addresses, not all of it.
      Should -Invoke -ModuleName 'RdpRepair.Interpreter' Test-TcpConnect -Times 1 -Exactly -ParameterFilter { $Address.AddressFamily -eq 'InterNetworkV6' -and $TimeoutMs -le 1000 }
    } finally { $listener.Stop() }
  }

  It 'reports an open local port as open' {
    $listener = New-Object Net.Sockets.TcpListener ([Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try {
      $results = (Invoke-Batch ('{"mode":"read","ops":[{"op":"net.probeTcp","host":"127.0.0.1","port":' + $listener.LocalEndpoint.Port + ',"timeoutMs":3000}]}'))['results']
      $results[0]['value']['open'] | Should -BeTrue
    } finally { $listener.Stop() }
  }
}
}
