<#
  Pester 5 tests of the interpreter's registry ops: values of other types (REG_NONE, REG_DWORD_BIG_ENDIAN, custom
  numbers), and the values recorded before a guarded elevated write.
  Setup shared with the other RdpRepair.Interpreter.*.Tests.ps1 files: RdpRepair.Interpreter.TestSetup.ps1.
#>

BeforeAll {
  . (Join-Path $PSScriptRoot 'RdpRepair.Interpreter.TestSetup.ps1')
}

Describe 'RdpRepair.Interpreter' {
BeforeEach { Initialize-TestSandbox }

AfterEach { Remove-TestSandbox }

Describe 'registry values of other types (REG_NONE, REG_DWORD_BIG_ENDIAN, custom numbers)' {
  It 'the raw registry and credential helpers compile here' {
    (& $script:Module { Import-RawRegistry }).FullName | Should -Be 'RdpRepair.RawRegistry'
    (& $script:Module { Import-CredentialStore }).FullName | Should -Be 'RdpRepair.CredentialStore'
  }

  It 'refuses <Case> before touching the registry' -ForEach @(
    @{ Case = 'a named type given as REG_OTHER'; Value = '{"type":"REG_OTHER","valueType":4,"data":"01000000"}' }
    @{ Case = 'upper-case hex'; Value = '{"type":"REG_OTHER","valueType":0,"data":"FF"}' }
    @{ Case = 'a type number out of range'; Value = '{"type":"REG_OTHER","valueType":4294967296,"data":""}' }
    @{ Case = 'no type number'; Value = '{"type":"REG_OTHER","data":""}' }
  ) {
    $results = (Invoke-Batch ('{"mode":"write","ops":[{"op":"registry.setValue","path":"' + $script:Tsc + '\\Default","name":"n","value":' + $Value + '}]}'))['results']
    $results[0]['error']['code'] | Should -Be 'invalid-argument'
  }

  It 'writes, reads and restores them as type number and bytes, in a value and in a whole key' {
    Skip-UnlessWindows 'the registry'
    $values = '{"none":{"type":"REG_OTHER","valueType":0,"data":"0102"},"big":{"type":"REG_OTHER","valueType":5,"data":"00000001"},"own":{"type":"REG_OTHER","valueType":74565,"data":""}}'
    $key = $script:Tsc + '\\Servers\\raw'
    $json = '{"mode":"write","ops":[{"op":"registry.writeKey","path":"' + $key + '","tree":{"values":' + $values + ',"subkeys":{}}},{"op":"registry.readKey","path":"' + $key + '"},{"op":"registry.readValue","path":"' + $key + '","name":"big"}]}'
    $results = (Invoke-Batch $json)['results']
    $results[0]['ok'] | Should -BeTrue
    $tree = $results[1]['value']['tree']['values']
    $tree['none']['valueType'] | Should -Be 0
    $tree['none']['data'] | Should -Be '0102'
    $tree['big']['valueType'] | Should -Be 5
    $tree['own']['valueType'] | Should -Be 74565
    $tree['own']['data'] | Should -Be ''
    $results[2]['value']['value']['type'] | Should -Be 'REG_OTHER'
  }

  It 'reads a REG_NONE value that another program made, instead of failing the whole key' {
    Skip-UnlessWindows 'the registry'
    $provider = $script:RootProvider + '\HKCU\Software\Microsoft\Terminal Server Client\Servers\made'
    $null = New-Item -Path $provider -Force
    $null = New-ItemProperty -Path $provider -Name 'empty' -PropertyType None -Value ([byte[]]@(7))
    $null = New-ItemProperty -Path $provider -Name 'UsernameHint' -PropertyType String -Value 'alice'
    $results = (Invoke-Batch ('{"mode":"read","ops":[{"op":"registry.readKey","path":"' + $script:Tsc + '\\Servers\\made"}]}'))['results']
    $results[0]['ok'] | Should -BeTrue
    $results[0]['value']['tree']['values']['empty']['data'] | Should -Be '07'
    $results[0]['value']['tree']['values']['UsernameHint']['data'] | Should -Be 'alice'
  }
}

Describe 'values before (guarded elevated writes)' {
  BeforeAll {
    $script:Policy = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client'
    function Get-StateText { param($Value) return (& $script:Module { param($v) Get-ValueStateText $v } $Value) }
    function Invoke-Udp {
      param([string]$Op)
      return (Invoke-Batch ('{"mode":"write","elevated":true,"ops":[' + $Op + ']}'))['results'][0]
    }
  }

  It 'spells a value as the batch carries it and as the registry gives it the same way, and as the simulated machine does' {
    $fromBatch = ConvertFrom-TestJson '{"type":"REG_DWORD","data":1}'
    $fromRegistry = [ordered]@{ type = 'REG_DWORD'; data = [long]1 }
    Get-StateText $fromBatch | Should -BeExactly '{"exists":true,"value":{"type":"REG_DWORD","data":1}}'
    Get-StateText $fromRegistry | Should -BeExactly (Get-StateText $fromBatch)
    Get-StateText $null | Should -BeExactly '{"exists":false}'
  }

  It 'tells apart what differs only in type or shape: <Case>' -ForEach @(
    @{ Case = 'REG_DWORD 0 and REG_SZ "0"'; A = '{"type":"REG_DWORD","data":0}'; B = '{"type":"REG_SZ","data":"0"}' }
    @{ Case = 'REG_SZ and REG_EXPAND_SZ'; A = '{"type":"REG_SZ","data":"%x%"}'; B = '{"type":"REG_EXPAND_SZ","data":"%x%"}' }
    @{ Case = 'one string and a list of it'; A = '{"type":"REG_SZ","data":"a"}'; B = '{"type":"REG_MULTI_SZ","data":["a"]}' }
    @{ Case = 'an empty list and a list of an empty string'; A = '{"type":"REG_MULTI_SZ","data":[]}'; B = '{"type":"REG_MULTI_SZ","data":[""]}' }
    @{ Case = 'two other types with the same bytes'; A = '{"type":"REG_OTHER","valueType":0,"data":"0a"}'; B = '{"type":"REG_OTHER","valueType":5,"data":"0a"}' }
  ) {
    Get-StateText (ConvertFrom-TestJson $A) | Should -Not -BeExactly (Get-StateText (ConvertFrom-TestJson $B))
  }

  It 'lets a later batch put back only what the fix recorded, and then forgets it' {
    Skip-UnlessWindows 'the registry'
    $set = { param($data) '{"op":"registry.setValue","path":"' + $script:Policy + '","name":"fClientDisableUDP","value":{"type":"REG_DWORD","data":' + $data + '}}' }
    $null = Invoke-Udp (& $set 0)
    (Invoke-Udp (& $set 1))['ok'] | Should -BeTrue -Because 'the fix is always allowed'
    $record = $script:RootProvider + '\HKLM\SOFTWARE\RDP Repair\Values before'
    (Get-ItemProperty -LiteralPath $record).'HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services\Client\fClientDisableUDP' | Should -BeExactly '{"exists":true,"value":{"type":"REG_DWORD","data":0}}'
    (Invoke-Udp (& $set 2))['error']['code'] | Should -Be 'invalid-argument' -Because 'a forged undo names a value that was never there'
    (Invoke-Udp (& $set 0))['ok'] | Should -BeTrue
    Test-Path -LiteralPath ($script:RootProvider + '\HKLM\SOFTWARE\RDP Repair') | Should -BeFalse -Because 'the record and its keys go once it is used'
  }
}
}
