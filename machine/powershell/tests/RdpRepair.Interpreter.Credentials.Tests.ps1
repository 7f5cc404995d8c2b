<#
  Pester 5 tests of the interpreter's credential ops on saved Remote Desktop passwords (Credential Manager).
  Setup shared with the other RdpRepair.Interpreter.*.Tests.ps1 files: RdpRepair.Interpreter.TestSetup.ps1.
#>

BeforeAll {
  . (Join-Path $PSScriptRoot 'RdpRepair.Interpreter.TestSetup.ps1')
}

Describe 'RdpRepair.Interpreter' {
BeforeEach { Initialize-TestSandbox }

AfterEach { Remove-TestSandbox }

Describe 'saved passwords' {
  BeforeEach {
    $script:Saved = $false
    if (-not $script:OnWindows) { return }
    $script:Cmdkey = Join-Path ([Environment]::SystemDirectory) 'cmdkey.exe'
    $script:Target = 'TERMSRV/rdp-repair-pester-' + [guid]::NewGuid().ToString('N')
    $null = & $script:Cmdkey ('/generic:' + $script:Target) '/user:pester' '/pass:not-a-secret' 2>&1
    $script:Saved = ($LASTEXITCODE -eq 0)
  }
  AfterEach { if ($script:Saved) { $null = & $script:Cmdkey ('/delete:' + $script:Target) 2>&1 } }

  It 'lists a Remote Desktop password by target, type and user, never its secret' {
    Skip-UnlessWindows 'Credential Manager'
    if (-not $script:Saved) { Set-ItResult -Skipped -Because 'cmdkey could not save a password for this account'; return }
    $value = @((Invoke-Batch '{"mode":"read","ops":[{"op":"credential.list","targetPrefix":"TERMSRV/"}]}')['results'][0]['value'])
    $mine = @($value | Where-Object { $_['target'] -eq $script:Target })
    $mine.Count | Should -Be 1
    $mine[0]['type'] | Should -Be 'Generic'
    $mine[0]['user'] | Should -Be 'pester'
    $script:LastRaw | Should -Not -Match 'not-a-secret'
  }

  It 'backs a generic one up protected (never in clear), deletes it, and writes it back exactly' {
    Skip-UnlessWindows 'Credential Manager and DPAPI'
    if (-not $script:Saved) { Set-ItResult -Skipped -Because 'cmdkey could not save a password for this account'; return }
    $read = (Invoke-Batch ('{"mode":"read","ops":[{"op":"credential.read","target":"' + $script:Target + '","type":"Generic"}]}'))['results'][0]['value']
    $read['exists'] | Should -BeTrue
    $read['user'] | Should -Be 'pester'
    $script:LastRaw | Should -Not -Match 'not-a-secret'
    $write = '{"op":"credential.write","target":"' + $script:Target + '","type":"Generic","user":"pester","persist":' + $read['persist'] + ',"protectedSecretBase64":"' + $read['protectedSecretBase64'] + '"}'
    $results = (Invoke-Batch ('{"mode":"write","ops":[{"op":"credential.delete","target":"' + $script:Target + '","type":"Generic"},' + $write + ',{"op":"credential.read","target":"' + $script:Target + '","type":"Generic"}]}'))['results']
    $results[0]['ok'] | Should -BeTrue
    $results[1]['ok'] | Should -BeTrue
    $results[2]['value']['exists'] | Should -BeTrue
    $results[2]['value']['user'] | Should -Be 'pester'
  }

  It 'deletes it, and deleting what is already gone is not an error' {
    Skip-UnlessWindows 'Credential Manager'
    if (-not $script:Saved) { Set-ItResult -Skipped -Because 'cmdkey could not save a password for this account'; return }
    $delete = '{"op":"credential.delete","target":"' + $script:Target + '","type":"Generic"}'
    $results = (Invoke-Batch ('{"mode":"write","ops":[' + $delete + ',' + $delete + ',{"op":"credential.list","targetPrefix":"TERMSRV/"}]}'))['results']
    $results[0]['ok'] | Should -BeTrue
    $results[1]['ok'] | Should -BeTrue
    @($results[2]['value'] | Where-Object { $_['target'] -eq $script:Target }).Count | Should -Be 0
  }
}
}
