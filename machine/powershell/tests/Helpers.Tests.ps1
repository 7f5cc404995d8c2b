<#
  Pester 5 tests of how the interpreter module gets its C# helpers (machine/powershell/helpers): from the bytes
  embedded in the module, never by compiling. Each runs in a fresh PowerShell of the same kind as the one
  running Pester (pwsh 7 on Linux; Windows PowerShell 5.1 and pwsh 7 on Windows CI), so "once per session"
  and "which assembly" are about a session nothing else has touched.
#>

BeforeAll {
  $script:ModulePath = Join-Path (Split-Path -Parent $PSScriptRoot) 'RdpRepair.Interpreter.psm1'
  $script:OnWindows = [Environment]::OSVersion.Platform -eq [PlatformID]::Win32NT
  # This PowerShell as a program to start: a dotnet-tool pwsh runs as "dotnet pwsh.dll", so not its process path.
  $script:Shell = (Get-Process -Id $PID).Path
  if ($PSVersionTable.PSVersion.Major -ge 6) {
    $executable = 'pwsh'
    if ($script:OnWindows) { $executable = 'pwsh.exe' }
    $script:Shell = Join-Path $PSHOME $executable
  }

  # In a fresh session: the module is made twice, by path (as the Wine host imports it) and from its bytes (as
  # the app's session and the elevated launcher make it), and each helper asked for once each time, with an
  # alias in the module's own scope that turns any Add-Type into an error (an alias outranks the cmdlet).
  # Returns what was loaded.
  $script:Probe = {
    param([string]$ModulePath)
    $ErrorActionPreference = 'Stop'
    $failures = New-Object 'System.Collections.Generic.List[string]'
    $types = New-Object 'System.Collections.Generic.List[object]'
    foreach ($how in @('path', 'bytes')) {
      if ($how -eq 'path') { $module = Import-Module -Name $ModulePath -Force -PassThru }
      else {
        $text = [Text.Encoding]::UTF8.GetString([IO.File]::ReadAllBytes($ModulePath)).TrimStart([char]0xFEFF)
        $module = New-Module -Name 'RdpRepair.Interpreter' -ScriptBlock ([scriptblock]::Create($text))
      }
      & $module {
        function script:Deny-RunTimeCompile { throw 'The interpreter module compiled C# at run time (Add-Type).' }
        Set-Alias -Name 'Add-Type' -Value 'Deny-RunTimeCompile' -Scope Script
      }
      try {
        $types.Add((& $module { Import-CredentialStore }))
        $types.Add((& $module { Import-RawRegistry }))
      } catch { $failures.Add($how + ': ' + $_.Exception.Message) }
    }
    $helpers = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'RdpRepair.Helpers' })
    # Every public signature resolved here: on .NET 10 the net48 references go through type forwarders.
    foreach ($type in $types) {
      if ($null -eq $type) { $failures.Add('a helper type was not found'); continue }
      try {
        foreach ($method in $type.GetMethods()) { foreach ($parameter in $method.GetParameters()) { $null = $parameter.ParameterType.FullName } }
      } catch { $failures.Add($type.FullName + ': ' + $_.Exception.Message) }
    }
    [pscustomobject]@{
      Failures = @($failures)
      TypeNames = @($types | ForEach-Object { if ($null -ne $_) { $_.FullName } })
      TypeAssemblies = @($types | ForEach-Object { if ($null -ne $_) { $_.Assembly.GetName().Name } } | Sort-Object -Unique)
      HelperAssemblies = $helpers.Count
      Locations = @($helpers | ForEach-Object { [string]$_.Location })
    }
  }
}

Describe 'the C# helpers in the interpreter module' {
  BeforeAll {
    $script:Result = & $script:Shell -NoProfile -NonInteractive -Command $script:Probe -args $script:ModulePath
  }

  It 'come from the module itself, imported by path or made from its bytes, without Add-Type' {
    $script:Result.Failures | Should -BeNullOrEmpty
    $script:Result.TypeNames | Should -Be @('RdpRepair.CredentialStore', 'RdpRepair.RawRegistry', 'RdpRepair.CredentialStore', 'RdpRepair.RawRegistry')
    $script:Result.TypeAssemblies | Should -Be @('RdpRepair.Helpers')
  }

  It 'are loaded once per session, from bytes: no file behind the assembly' {
    $script:Result.HelperAssemblies | Should -Be 1
    $script:Result.Locations | Should -Be @('')
  }
}
