<#
  Pester 5 tests of the interpreter module, in PowerShell 7 on Linux (npm run test:powershell) and in 5.1 and 7
  on Windows CI. What needs a Windows API (the registry, Cert:, Credential Manager, services, CIM, the event
  log) skips elsewhere with that reason; the rest runs everywhere. Registry work happens under a throwaway
  HKCU\Software\RdpRepairContractTest subtree; files in a temp folder standing in for Documents.
#>

BeforeAll {
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
}

Describe 'RdpRepair.Interpreter' {
BeforeEach {
  $id = [guid]::NewGuid().ToString('N')
  $script:Root = 'HKCU\Software\RdpRepairContractTest\' + $id
  $script:RootProvider = 'HKCU:\Software\RdpRepairContractTest\' + $id
  $script:Documents = Join-Path ([IO.Path]::GetTempPath()) ('rdp-repair-pester-' + $id)
  $null = New-Item -ItemType Directory -Path $script:Documents
}

AfterEach {
  if ($script:OnWindows) { Remove-Item -LiteralPath $script:RootProvider -Recurse -Force -ErrorAction SilentlyContinue }
  Get-ChildItem -LiteralPath $script:Documents -Force -ErrorAction SilentlyContinue | ForEach-Object { $_.Attributes = 'Normal' }
  Remove-Item -LiteralPath $script:Documents -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'JSON reader' {
  It 'keeps a date-like string a string (PowerShell 7 ConvertFrom-Json would make it a DateTime)' {
    $value = ConvertFrom-TestJson '{"d":"2024-01-01T00:00:00Z"}'
    $value['d'] | Should -BeOfType [string]
    $value['d'] | Should -BeExactly '2024-01-01T00:00:00Z'
  }

  It 'reads escapes, unicode, numbers, literals and nesting exactly' {
    $value = ConvertFrom-TestJson '{"s":"a\"b\\c\n\u00fc\u2713","i":4294967295,"n":-1.5,"t":true,"f":false,"z":null,"a":[1,[2],{}]}'
    $value['s'] | Should -BeExactly ("a`"b\c`n" + [char]0x00FC + [char]0x2713)
    $value['i'] | Should -BeOfType [long]
    $value['i'] | Should -Be 4294967295
    $value['n'] | Should -Be -1.5
    $value['t'] | Should -BeTrue
    $value['f'] | Should -BeFalse
    $null -eq $value['z'] | Should -BeTrue
    $value['a'].Length | Should -Be 3
    $value['a'][1].Length | Should -Be 1
  }

  It 'refuses <Case> as invalid-argument' -ForEach @(
    @{ Case = 'a repeated key'; Json = '{"a":1,"a":2}' }
    @{ Case = 'trailing data'; Json = '{"a":1} x' }
    @{ Case = 'a raw control character in a string'; Json = ('{"a":"' + [char]1 + '"}') }
    @{ Case = 'an unterminated object'; Json = '{"a":1' }
    @{ Case = 'nesting deeper than 200'; Json = (('[' * 300) + (']' * 300)) }
  ) {
    $caught = $null
    try { $null = ConvertFrom-TestJson $Json } catch { $caught = $_ }
    $caught | Should -Not -BeNullOrEmpty
    $caught.Exception.Data['RdpRepairCode'] | Should -Be 'invalid-argument'
  }
}

Describe 'JSON writer' {
  It 'writes one compressed, pure-ASCII document with \u escapes' {
    $text = 'Gr' + [char]0x00FC + [char]0x00DF + 'e ' + [char]0x2713
    $json = & $script:Module { param($t) ConvertTo-AsciiJson ([ordered]@{ protocol = 1; text = $t }) } $text
    $json | Should -BeExactly '{"protocol":1,"text":"Gr\u00fc\u00dfe \u2713"}'
    (ConvertFrom-TestJson $json)['text'] | Should -BeExactly $text
  }

  It 'keeps a single-item array an array and an empty one empty' {
    $json = & $script:Module { ConvertTo-AsciiJson ([ordered]@{ one = @('only'); none = @() }) }
    $json | Should -BeExactly '{"one":["only"],"none":[]}'
  }
}

Describe 'output document' {
  It 'is one compressed, pure-ASCII JSON string, with non-ASCII text round-tripped' {
    Skip-UnlessWindows 'the registry'
    $text = 'Gr' + [char]0x00FC + [char]0x00DF + 'e ' + [char]0x2713
    $json = '{"mode":"write","ops":[{"op":"registry.setValue","path":"' + $script:Tsc + '\\Default","name":"n","value":{"type":"REG_SZ","data":"' + $text + '"}},{"op":"registry.readValue","path":"' + $script:Tsc + '\\Default","name":"n"}]}'
    $document = Invoke-Batch $json
    $script:LastRaw | Should -BeOfType [string]
    $script:LastRaw | Should -Match '^\{"protocol":1,"results":\['
    $script:LastRaw | Should -Not -Match '[^\x00-\x7F]'
    $document['results'][1]['value']['value']['data'] | Should -BeExactly $text
  }

  It 'answers an empty list when no event matches (Get-WinEvent throws then)' {
    Skip-UnlessWindows 'the event log'
    $null = Invoke-Batch '{"mode":"read","ops":[{"op":"events.query","channel":"Application","ids":[65535],"providers":["RdpRepairNoSuchProvider"],"since":"2000-01-01T00:00:00Z","max":5}]}'
    $script:LastRaw | Should -Match '\{"ok":true,"value":\[\]\}\]\}$'
  }

  It 'answers a batch-level error for JSON it cannot read, and for what is not base64' {
    $document = Invoke-Batch '{"mode":"read","ops":[],"ops":[]}'
    $document['error']['code'] | Should -Be 'invalid-argument'
    $document.ContainsKey('results') | Should -BeFalse
    $raw = Invoke-RdpRepairBatch -EncodedBatch 'not base64!'
    (ConvertFrom-TestJson $raw)['error']['code'] | Should -Be 'invalid-argument'
  }

  It 'answers a batch-level error for a batch that is not { mode, ops }' -ForEach @(
    @{ Json = '[]' }, @{ Json = '{"ops":[]}' }, @{ Json = '{"mode":"delete","ops":[]}' }, @{ Json = '{"mode":"read","ops":{}}' }
    @{ Json = '{"mode":"read","elevated":"yes","ops":[]}' }
  ) {
    (Invoke-Batch $Json)['error']['code'] | Should -Be 'invalid-argument'
  }

  It 'frames base64 of UTF-8: a host name with non-ASCII letters arrives intact' {
    $results = (Invoke-Batch ('{"mode":"read","ops":[{"op":"net.probeTcp","host":"m' + [char]0x00FC + 'nchen.invalid","port":3389,"timeoutMs":500}]}'))['results']
    $results[0]['ok'] | Should -BeTrue
    $results[0]['value']['error'] | Should -Be 'unresolved'
  }
}

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

Describe 'error typing' {
  It 'types <Kind> as <Code>' -ForEach @(
    @{ Kind = 'UnauthorizedAccessException'; Code = 'access-denied'; Make = { New-Object UnauthorizedAccessException 'no' } }
    @{ Kind = 'Win32Exception 5'; Code = 'access-denied'; Make = { New-Object ComponentModel.Win32Exception 5 } }
    @{ Kind = 'FileNotFoundException'; Code = 'not-found'; Make = { New-Object IO.FileNotFoundException 'gone' } }
    @{ Kind = 'a wrapped typed exception'; Code = 'unsupported'; Make = { New-Object Exception 'outer', (& $script:Module { Get-TypedException 'unsupported' 'inner' }) } }
    @{ Kind = 'anything else'; Code = 'failed'; Make = { New-Object InvalidOperationException 'x' } }
  ) {
    $exception = & $Make
    $record = New-Object Management.Automation.ErrorRecord $exception, 'test', 'NotSpecified', $null
    $result = & $script:Module { param($r) ConvertTo-OpError $r } $record
    $result['ok'] | Should -BeFalse
    $result['error']['code'] | Should -Be $Code
  }

  It 'caps a long message at 1000 characters' {
    $record = New-Object Management.Automation.ErrorRecord (New-Object Exception ('x' * 5000)), 'test', 'NotSpecified', $null
    (& $script:Module { param($r) ConvertTo-OpError $r } $record)['error']['message'].Length | Should -Be 1000
  }
}

Describe 'write mode' {
  It 'stops at the first failure and skips the rest' {
    $json = '{"mode":"write","ops":[{"op":"file.write","folder":"documents","name":"a.rdp","contentBase64":"QQ==","attributes":[]},{"op":"file.setAttributes","folder":"documents","name":"missing.rdp","attributes":[]},{"op":"file.write","folder":"documents","name":"b.rdp","contentBase64":"Qg==","attributes":[]}]}'
    $results = (Invoke-Batch $json)['results']
    $results[0]['ok'] | Should -BeTrue
    $results[1]['error']['code'] | Should -Be 'not-found'
    $results[2]['error']['code'] | Should -Be 'skipped'
    Test-Path -LiteralPath (Join-Path $script:Documents 'a.rdp') | Should -BeTrue
    Test-Path -LiteralPath (Join-Path $script:Documents 'b.rdp') | Should -BeFalse
  }

  It 'stops at the first failure in the registry too' {
    Skip-UnlessWindows 'the registry'
    $json = '{"mode":"write","ops":[{"op":"registry.setValue","path":"' + $script:Tsc + '\\Default","name":"a","value":{"type":"REG_DWORD","data":1}},{"op":"file.setAttributes","folder":"documents","name":"missing.rdp","attributes":[]},{"op":"registry.setValue","path":"' + $script:Tsc + '\\Default","name":"b","value":{"type":"REG_DWORD","data":2}}]}'
    $results = (Invoke-Batch $json)['results']
    $results[0]['ok'] | Should -BeTrue
    $results[2]['error']['code'] | Should -Be 'skipped'
    (Get-ItemProperty -LiteralPath ($script:RootProvider + '\HKCU\Software\Microsoft\Terminal Server Client\Default')).PSObject.Properties.Name | Should -Not -Contain 'b'
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

Describe 'argument re-validation' {
  It 'refuses <Case>' -ForEach @(
    @{ Case = 'a registry path outside the allowed keys'; Op = '{"op":"registry.setValue","path":"HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run","name":"x","value":{"type":"REG_SZ","data":"calc"}}' }
    @{ Case = 'a registry path climbing out with ..'; Op = '{"op":"registry.deleteKey","path":"HKCU\\Software\\Microsoft\\Terminal Server Client\\..\\..\\Windows"}' }
    @{ Case = 'a file name with a folder'; Op = '{"op":"file.delete","folder":"documents","name":"..\\..\\Windows\\win.ini"}' }
    @{ Case = 'a device file name'; Op = '{"op":"file.read","folder":"documents","name":"CON"}' }
    @{ Case = 'a service outside the list'; Op = '{"op":"service.restart","name":"Spooler"}' }
    @{ Case = 'a host with PowerShell in it'; Op = '{"op":"net.resolve","host":"pc;$(calc)"}' }
    @{ Case = 'a host with a quote'; Op = '{"op":"app.launchMstsc","host":"pc'' -x"}' }
    @{ Case = 'an unknown op'; Op = '{"op":"shell.run","command":"calc"}' }
    @{ Case = 'an op name in another case'; Op = '{"op":"REGISTRY.READVALUE","path":"HKCU\\Software\\Microsoft\\Terminal Server Client","name":"x"}' }
    @{ Case = 'a credential that is not a Remote Desktop one'; Op = '{"op":"credential.delete","target":"MicrosoftAccount:user=a","type":"Generic"}' }
  ) {
    $results = (Invoke-Batch ('{"mode":"read","ops":[' + $Op + ']}'))['results']
    $results[0]['ok'] | Should -BeFalse
    $results[0]['error']['code'] | Should -Be 'invalid-argument'
  }

  It 'refuses user-scope ops in the elevated batch' {
    $results = (Invoke-Batch ('{"mode":"read","elevated":true,"ops":[{"op":"registry.readKey","path":"' + $script:Tsc + '"},{"op":"file.read","folder":"documents","name":"Default.rdp"}]}'))['results']
    $results[0]['error']['code'] | Should -Be 'invalid-argument'
    $results[1]['error']['code'] | Should -Be 'invalid-argument'
  }
}

Describe 'files' {
  It 'reads a hidden file (no -Force needed) and rewrites it with exact attributes' {
    Skip-UnlessWindows 'Windows file attributes (Hidden) and case-insensitive names'
    $path = Join-Path $script:Documents 'Default.rdp'
    [IO.File]::WriteAllBytes($path, [byte[]](0xFF, 0xFE, 0x41, 0x00))
    (Get-Item -LiteralPath $path).Attributes = 'Hidden'
    $results = (Invoke-Batch '{"mode":"write","ops":[{"op":"file.read","folder":"documents","name":"default.RDP"},{"op":"file.write","folder":"documents","name":"Default.rdp","contentBase64":"//5CAA==","attributes":["Hidden","ReadOnly"]},{"op":"file.read","folder":"documents","name":"Default.rdp"}]}')['results']
    $results[0]['value']['contentBase64'] | Should -Be '//5BAA=='
    @($results[0]['value']['attributes']) | Should -Be @('Hidden')
    $results[2]['value']['contentBase64'] | Should -Be '//5CAA=='
    @($results[2]['value']['attributes']) | Should -Be @('Hidden', 'ReadOnly')
  }
}

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

Describe 'files, anywhere' {
  It 'writes, reads and deletes a read-only file byte for byte' {
    $results = (Invoke-Batch '{"mode":"write","ops":[{"op":"file.write","folder":"documents","name":"Default.rdp","contentBase64":"//5BAA==","attributes":["ReadOnly"]},{"op":"file.read","folder":"documents","name":"Default.rdp"},{"op":"file.write","folder":"documents","name":"Default.rdp","contentBase64":"//5CAA==","attributes":[]},{"op":"file.read","folder":"documents","name":"Default.rdp"},{"op":"file.delete","folder":"documents","name":"Default.rdp"},{"op":"file.delete","folder":"documents","name":"Default.rdp"},{"op":"file.read","folder":"documents","name":"Default.rdp"}]}')['results']
    $results[1]['value']['contentBase64'] | Should -Be '//5BAA=='
    @($results[1]['value']['attributes']) | Should -Be @('ReadOnly')
    $results[3]['value']['contentBase64'] | Should -Be '//5CAA=='
    @($results[3]['value']['attributes']).Length | Should -Be 0
    $results[5]['ok'] | Should -BeTrue
    $results[6]['value']['exists'] | Should -BeFalse
  }

  It 'works with a Documents folder at the root of a drive (D:\ on Windows, / here)' {
    $drive = [IO.Path]::GetPathRoot($script:Documents)
    $name = 'rdp-repair-pester-' + [guid]::NewGuid().ToString('N') + '.rdp'
    $raw = Invoke-RdpRepairBatch -EncodedBatch (ConvertTo-EncodedBatch ('{"mode":"read","ops":[{"op":"file.read","folder":"documents","name":"' + $name + '"}]}')) -DocumentsFolder $drive
    (ConvertFrom-TestJson $raw)['results'][0]['value']['exists'] | Should -BeFalse
  }

  It 'resolves a file directly in a Documents folder given with a trailing separator' {
    $raw = Invoke-RdpRepairBatch -EncodedBatch (ConvertTo-EncodedBatch '{"mode":"read","ops":[{"op":"file.read","folder":"documents","name":"x.rdp"}]}') -DocumentsFolder ($script:Documents + [IO.Path]::DirectorySeparatorChar)
    (ConvertFrom-TestJson $raw)['results'][0]['ok'] | Should -BeTrue
  }
}

Describe 'system facts' {
  It 'answers every field' {
    Skip-UnlessWindows 'CIM (Win32_OperatingSystem) and Windows identities'
    $facts = (Invoke-Batch '{"mode":"read","ops":[{"op":"system.facts"}]}')['results'][0]['value']
    $facts['build'] | Should -Match '^[0-9]+\.[0-9]+\.[0-9]+$'
    $facts['powershellVersion'] | Should -Be $PSVersionTable.PSVersion.ToString()
    $facts['documentsFolder'] | Should -Be $script:Documents
  }
}

Describe 'elevated launcher' {
  BeforeAll {
    # The answer as the app receives it over its pipe: the nonce line, then the document.
    function Read-Answer {
      if (-not $script:Connected.Wait(10000)) { return $null }
      $reader = New-Object IO.StreamReader ($script:Server, (New-Object Text.UTF8Encoding $false))
      return $reader.ReadToEnd()
    }
  }
  BeforeEach {
    $script:PipeName = 'rdp-repair-' + [guid]::NewGuid().ToString('N').Substring(0, 24)
    $script:Nonce = [guid]::NewGuid().ToString('N')
    $script:Batch = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('{"mode":"read","elevated":true,"ops":[{"op":"net.resolve","host":"127.0.0.1"}]}'))
    $sha = [Security.Cryptography.SHA256]::Create()
    $script:ModuleHash = ([BitConverter]::ToString($sha.ComputeHash([IO.File]::ReadAllBytes($script:ModulePath))) -replace '-', '').ToLowerInvariant()
    # As the app does: the pipe exists before the elevated side starts, and waits for one connection.
    $script:Server = New-Object System.IO.Pipes.NamedPipeServerStream ($script:PipeName, [System.IO.Pipes.PipeDirection]::In)
    $script:Connected = $script:Server.WaitForConnectionAsync()
  }
  AfterEach { $script:Server.Dispose() }

  It 'runs the batch from its launch text and answers over the pipe, after the nonce' {
    $shell = $script:Shell
    & $shell -NoProfile -ExecutionPolicy Bypass -File $script:LauncherPath -ModulePath $script:ModulePath -ModuleHash $script:ModuleHash -EncodedBatch $script:Batch -PipeName $script:PipeName -Nonce $script:Nonce
    $LASTEXITCODE | Should -Be 0
    $answer = Read-Answer
    $answer.StartsWith($script:Nonce + "`n") | Should -BeTrue
    $document = ConvertFrom-TestJson ($answer.Substring($script:Nonce.Length + 1))
    $document['results'][0]['ok'] | Should -BeTrue
    @($document['results'][0]['value']['addresses']) | Should -Be @('127.0.0.1')
  }

  It 'refuses a module whose hash does not match, running nothing' {
    $shell = $script:Shell
    $wrong = 'a' * 64
    & $shell -NoProfile -ExecutionPolicy Bypass -File $script:LauncherPath -ModulePath $script:ModulePath -ModuleHash $wrong -EncodedBatch $script:Batch -PipeName $script:PipeName -Nonce $script:Nonce
    $LASTEXITCODE | Should -Be 3
    $answer = Read-Answer
    $document = ConvertFrom-TestJson ($answer.Substring($script:Nonce.Length + 1))
    $document.ContainsKey('results') | Should -BeFalse
    $document['error']['message'] | Should -Match 'SHA-256'
  }

  It 'runs nothing and dials no pipe for a pipe name or nonce that is not its own shape' {
    $shell = $script:Shell
    & $shell -NoProfile -ExecutionPolicy Bypass -File $script:LauncherPath -ModulePath $script:ModulePath -ModuleHash $script:ModuleHash -EncodedBatch $script:Batch -PipeName '..\evil' -Nonce $script:Nonce
    $LASTEXITCODE | Should -Be 2
    $script:Connected.IsCompleted | Should -BeFalse
  }
}

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

Describe 'certificates' {
  BeforeAll {
    $script:CanMakeCertificate = $false
    if (-not $script:OnWindows) { return }
    $principal = New-Object Security.Principal.WindowsPrincipal ([Security.Principal.WindowsIdentity]::GetCurrent())
    $script:CanMakeCertificate = $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator) -and
      ($null -ne (Get-Command -Name New-SelfSignedCertificate -ErrorAction SilentlyContinue))
  }
  BeforeEach {
    $script:Certificate = $null
    $script:CertificateStore = 'My'
    if ($script:CanMakeCertificate) {
      $script:Certificate = New-SelfSignedCertificate -Subject ('CN=rdp-repair-pester-' + [guid]::NewGuid().ToString('N')) -CertStoreLocation 'Cert:\LocalMachine\My' -NotAfter (Get-Date).AddDays(2)
    }
  }
  AfterEach {
    if ($null -ne $script:Certificate) {
      Remove-Item -LiteralPath ('Cert:\LocalMachine\' + $script:CertificateStore + '\' + $script:Certificate.Thumbprint) -ErrorAction SilentlyContinue
    }
  }

  <#
    The elevated batch removes certificates from the Remote Desktop store only (elevatedWrites), so the test's
    certificate goes there: New-SelfSignedCertificate makes it in My (the only store it writes), then it is
    added to LocalMachine\Remote Desktop (opening the store ReadWrite creates it where TermService has not) and
    taken out of My. Its expiry, two days away, is within the removal window, so the elevated side may take it.
  #>
  It 'lists a Remote Desktop certificate by thumbprint, subject and expiry, then removes it by thumbprint (elevated)' {
    Skip-UnlessWindows 'the LocalMachine certificate stores'
    if (-not $script:CanMakeCertificate) { Set-ItResult -Skipped -Because 'making a machine certificate needs an administrator and New-SelfSignedCertificate'; return }
    $thumbprint = $script:Certificate.Thumbprint.ToUpperInvariant()
    $rdp = New-Object System.Security.Cryptography.X509Certificates.X509Store ('Remote Desktop', [System.Security.Cryptography.X509Certificates.StoreLocation]::LocalMachine)
    $rdp.Open([System.Security.Cryptography.X509Certificates.OpenFlags]::ReadWrite)
    try { $rdp.Add($script:Certificate) } finally { $rdp.Close() }
    Remove-Item -LiteralPath ('Cert:\LocalMachine\My\' + $thumbprint)
    $script:CertificateStore = 'Remote Desktop'
    $list = '{"op":"certificate.list","store":"LocalMachine\\Remote Desktop"}'
    $remove = '{"op":"certificate.remove","store":"LocalMachine\\Remote Desktop","thumbprint":"' + $thumbprint + '"}'
    $results = (Invoke-Batch ('{"mode":"write","elevated":true,"ops":[' + $list + ',' + $remove + ',' + $remove + ',' + $list + ']}'))['results']
    $mine = @($results[0]['value'] | Where-Object { $_['thumbprint'] -eq $thumbprint })
    $mine.Count | Should -Be 1
    $mine[0]['subject'] | Should -Be $script:Certificate.Subject
    $mine[0]['privateKey'] | Should -Be 'readable'
    $mine[0]['notAfter'] | Should -Be ($script:Certificate.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", [Globalization.CultureInfo]::InvariantCulture))
    $results[1]['ok'] | Should -BeTrue
    $results[2]['ok'] | Should -BeTrue
    @($results[3]['value'] | Where-Object { $_['thumbprint'] -eq $thumbprint }).Count | Should -Be 0
    Test-Path -LiteralPath ('Cert:\LocalMachine\Remote Desktop\' + $thumbprint) | Should -BeFalse
  }

  It 'refuses, from the elevated batch, to remove a certificate from the My store' {
    Skip-UnlessWindows 'the LocalMachine certificate stores'
    if (-not $script:CanMakeCertificate) { Set-ItResult -Skipped -Because 'making a machine certificate needs an administrator and New-SelfSignedCertificate'; return }
    $remove = '{"op":"certificate.remove","store":"LocalMachine\\My","thumbprint":"' + $script:Certificate.Thumbprint.ToUpperInvariant() + '"}'
    $results = (Invoke-Batch ('{"mode":"write","elevated":true,"ops":[' + $remove + ']}'))['results']
    $results[0]['error']['code'] | Should -Be 'invalid-argument'
    Test-Path -LiteralPath ('Cert:\LocalMachine\My\' + $script:Certificate.Thumbprint) | Should -BeTrue
  }

  Context 'private key' {
    BeforeAll {
      $script:KeyPair = [System.Security.Cryptography.RSA]::Create(2048)
      $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=rdp-repair-pester', $script:KeyPair, [System.Security.Cryptography.HashAlgorithmName]::SHA256, [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
      $script:WithKey = $request.CreateSelfSigned([DateTimeOffset]::UtcNow.AddDays(-1), [DateTimeOffset]::UtcNow.AddDays(1))
      $script:WithoutKey = New-Object System.Security.Cryptography.X509Certificates.X509Certificate2 (, $script:WithKey.RawData)
    }

    It 'says readable for a certificate whose key opens, and none for one without a key' {
      $with = & $script:Module { param($c) Get-CertificateKeyState $c $false } $script:WithKey
      $with['privateKey'] | Should -Be 'readable'
      # A key made in memory has no file under %ProgramData%, so nothing is said about the service's access.
      $with['serviceCanReadKey'] | Should -BeNullOrEmpty
      $without = & $script:Module { param($c) Get-CertificateKeyState $c $true } $script:WithoutKey
      $without['privateKey'] | Should -Be 'none'
      $without['serviceCanReadKey'] | Should -BeNullOrEmpty
    }

    # NTE_NO_KEY: an answer that shows the key is gone (Certificates.Tests.ps1 has the whole list).
    It 'says unreadable only to an administrator when the key is gone (<Administrator>: <Expected>)' -ForEach @(
      @{ Administrator = $true; Expected = 'unreadable' },
      @{ Administrator = $false; Expected = 'unknown' }
    ) {
      Mock -ModuleName $script:Module.Name Open-CertificatePrivateKey { throw [System.Security.Cryptography.CryptographicException]::new(-2146893811) }
      $state = & $script:Module { param($c, $administrator) Get-CertificateKeyState $c $administrator } $script:WithKey $Administrator
      $state['privateKey'] | Should -Be $Expected
    }

    It 'removes only a certificate the listener cannot use: expiring, or without a usable key' {
      (& $script:Module { param($c) Test-CertificateRemovable $c } $script:WithKey) | Should -BeTrue -Because 'it expires within the 14-day window'
      $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=rdp-repair-pester-valid', $script:KeyPair, [System.Security.Cryptography.HashAlgorithmName]::SHA256, [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
      $valid = $request.CreateSelfSigned([DateTimeOffset]::UtcNow.AddDays(-1), [DateTimeOffset]::UtcNow.AddDays(90))
      (& $script:Module { param($c) Test-CertificateRemovable $c } $valid) | Should -BeFalse
      $keyless = New-Object System.Security.Cryptography.X509Certificates.X509Certificate2 (, $valid.RawData)
      (& $script:Module { param($c) Test-CertificateRemovable $c } $keyless) | Should -BeTrue
    }

    It 'lets the service read a key file only through an allow entry with read-data and no deny entry' {
      $cases = @(
        @{ entries = @(@{ allow = $true; sid = 'S-1-5-20'; mask = 0x120089 }); expected = $true },
        @{ entries = @(@{ allow = $true; sid = 'S-1-1-0'; mask = 1 }); expected = $true },
        @{ entries = @(@{ allow = $true; sid = 'S-1-5-18'; mask = 0x1F01FF }, @{ allow = $true; sid = 'S-1-5-32-544'; mask = 0x1F01FF }); expected = $false },
        @{ entries = @(@{ allow = $true; sid = 'S-1-5-20'; mask = 0x100080 }); expected = $false },
        @{ entries = @(@{ allow = $false; sid = 'S-1-5-20'; mask = 1 }, @{ allow = $true; sid = 'S-1-1-0'; mask = 0x1F01FF }); expected = $false },
        @{ entries = @(); expected = $false }
      )
      foreach ($case in $cases) {
        (& $script:Module { param($e) Test-ServiceCanReadKey $e } $case['entries']) | Should -Be $case['expected']
      }
    }

    It 'reads the permissions of a real machine key file' {
      Skip-UnlessWindows 'machine keys under %ProgramData%\Microsoft\Crypto'
      if (-not $script:CanMakeCertificate) { Set-ItResult -Skipped -Because 'making a machine certificate needs an administrator and New-SelfSignedCertificate'; return }
      $fresh = Get-Item -LiteralPath ('Cert:\LocalMachine\My\' + $script:Certificate.Thumbprint)
      $state = & $script:Module { param($c) Get-CertificateKeyState $c $true } $fresh
      $state['privateKey'] | Should -Be 'readable'
      $state['serviceCanReadKey'] | Should -BeOfType [bool]
    }
  }

  It 'refuses a thumbprint that is not 40 upper-case hex digits' {
    $results = (Invoke-Batch '{"mode":"write","ops":[{"op":"certificate.remove","store":"LocalMachine\\My","thumbprint":"zz00000000000000000000000000000000000000"}]}')['results']
    $results[0]['error']['code'] | Should -Be 'invalid-argument'
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
