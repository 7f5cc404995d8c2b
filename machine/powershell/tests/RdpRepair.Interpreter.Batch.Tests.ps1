<#
  Pester 5 tests of the interpreter's batch itself: its JSON reader and writer, the output document, error
  typing, write mode stopping at the first failure, and the re-validation of every op's arguments.
  Setup shared with the other RdpRepair.Interpreter.*.Tests.ps1 files: RdpRepair.Interpreter.TestSetup.ps1.
#>

BeforeAll {
  . (Join-Path $PSScriptRoot 'RdpRepair.Interpreter.TestSetup.ps1')
}

Describe 'RdpRepair.Interpreter' {
BeforeEach { Initialize-TestSandbox }

AfterEach { Remove-TestSandbox }

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
}
