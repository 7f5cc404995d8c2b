<#
  Pester 5 tests of the interpreter module on Windows (PowerShell 5.1 and 7). Registry work happens under a
  throwaway HKCU\Software\RdpRepairContractTest subtree; files in a temp folder standing in for Documents.
#>

BeforeAll {
  $script:ModulePath = Join-Path $PSScriptRoot '..\RdpRepair.Interpreter.psm1'
  $script:LauncherPath = Join-Path $PSScriptRoot '..\Invoke-ElevatedBatch.ps1'
  $script:Module = Import-Module -Name $script:ModulePath -Force -PassThru

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

BeforeEach {
  $id = [guid]::NewGuid().ToString('N')
  $script:Root = 'HKCU\Software\RdpRepairContractTest\' + $id
  $script:RootProvider = 'HKCU:\Software\RdpRepairContractTest\' + $id
  $script:Documents = Join-Path ([IO.Path]::GetTempPath()) ('rdp-repair-pester-' + $id)
  $null = New-Item -ItemType Directory -Path $script:Documents
}

AfterEach {
  Remove-Item -LiteralPath $script:RootProvider -Recurse -Force -ErrorAction SilentlyContinue
  Get-ChildItem -LiteralPath $script:Documents -Force -ErrorAction SilentlyContinue | ForEach-Object { $_.Attributes = 'Normal' }
  Remove-Item -LiteralPath $script:Documents -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'output document' {
  It 'is one compressed, pure-ASCII JSON string' {
    $text = 'Gr' + [char]0x00FC + [char]0x00DF + 'e ' + [char]0x2713
    $json = '{"mode":"write","ops":[{"op":"registry.setValue","path":"' + $script:Tsc + '\\Default","name":"n","value":{"type":"REG_SZ","data":"' + $text + '"}},{"op":"registry.readValue","path":"' + $script:Tsc + '\\Default","name":"n"}]}'
    $document = Invoke-Batch $json
    $script:LastRaw | Should -BeOfType [string]
    $script:LastRaw | Should -Match '^\{"protocol":1,"results":\['
    $script:LastRaw | Should -Not -Match '[^\x00-\x7F]'
    $document['results'][1]['value']['value']['data'] | Should -BeExactly $text
  }

  It 'keeps a single-item array an array and an empty one empty' {
    $json = '{"mode":"write","ops":[{"op":"registry.setValue","path":"' + $script:Tsc + '\\Default","name":"m","value":{"type":"REG_MULTI_SZ","data":["only"]}},{"op":"registry.readValue","path":"' + $script:Tsc + '\\Default","name":"m"},{"op":"events.query","channel":"Application","ids":[65535],"providers":["RdpRepairNoSuchProvider"],"since":"2000-01-01T00:00:00Z","max":5}]}'
    $null = Invoke-Batch $json
    $script:LastRaw | Should -Match '"data":\["only"\]'
    # Get-WinEvent throws when nothing matches: the interpreter answers an empty list instead.
    $script:LastRaw | Should -Match '\{"ok":true,"value":\[\]\}\]\}$'
  }

  It 'keeps a date-like string a string (PowerShell 7 ConvertFrom-Json would make it a DateTime)' {
    $json = '{"mode":"write","ops":[{"op":"registry.setValue","path":"' + $script:Tsc + '\\Default","name":"d","value":{"type":"REG_SZ","data":"2024-01-01T00:00:00Z"}},{"op":"registry.readValue","path":"' + $script:Tsc + '\\Default","name":"d"}]}'
    $document = Invoke-Batch $json
    $document['results'][1]['value']['value']['data'] | Should -BeExactly '2024-01-01T00:00:00Z'
  }

  It 'answers a batch-level error for JSON it cannot read' {
    $document = Invoke-Batch '{"mode":"read","ops":[],"ops":[]}'
    $document['error']['code'] | Should -Be 'invalid-argument'
    $raw = Invoke-RdpRepairBatch -EncodedBatch 'not base64!'
    (ConvertFrom-TestJson $raw)['error']['code'] | Should -Be 'invalid-argument'
  }
}

Describe 'write mode' {
  It 'stops at the first failure and skips the rest' {
    $json = '{"mode":"write","ops":[{"op":"registry.setValue","path":"' + $script:Tsc + '\\Default","name":"a","value":{"type":"REG_DWORD","data":1}},{"op":"file.setAttributes","folder":"documents","name":"missing.rdp","attributes":[]},{"op":"registry.setValue","path":"' + $script:Tsc + '\\Default","name":"b","value":{"type":"REG_DWORD","data":2}}]}'
    $results = (Invoke-Batch $json)['results']
    $results[0]['ok'] | Should -BeTrue
    $results[1]['error']['code'] | Should -Be 'not-found'
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

Describe 'files' {
  It 'reads a hidden file (no -Force needed) and rewrites it with exact attributes' {
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

  It 'reports an open local port as open' {
    $listener = New-Object Net.Sockets.TcpListener ([Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try {
      $results = (Invoke-Batch ('{"mode":"read","ops":[{"op":"net.probeTcp","host":"127.0.0.1","port":' + $listener.LocalEndpoint.Port + ',"timeoutMs":3000}]}'))['results']
      $results[0]['value']['open'] | Should -BeTrue
    } finally { $listener.Stop() }
  }
}

Describe 'system facts' {
  It 'answers every field' {
    $facts = (Invoke-Batch '{"mode":"read","ops":[{"op":"system.facts"}]}')['results'][0]['value']
    $facts['build'] | Should -Match '^[0-9]+\.[0-9]+\.[0-9]+$'
    $facts['powershellVersion'] | Should -Be $PSVersionTable.PSVersion.ToString()
    $facts['documentsFolder'] | Should -Be $script:Documents
  }
}

Describe 'elevated launcher' {
  BeforeEach {
    $script:RunFolder = Join-Path ([IO.Path]::GetTempPath()) ('rdp-repair-run-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $script:RunFolder
    [IO.File]::WriteAllText((Join-Path $script:RunFolder 'batch.json'), '{"mode":"read","elevated":true,"ops":[{"op":"system.facts"}]}')
    $sha = [Security.Cryptography.SHA256]::Create()
    $script:ModuleHash = ([BitConverter]::ToString($sha.ComputeHash([IO.File]::ReadAllBytes($script:ModulePath))) -replace '-', '').ToLowerInvariant()
    $script:BatchHash = ([BitConverter]::ToString($sha.ComputeHash([IO.File]::ReadAllBytes((Join-Path $script:RunFolder 'batch.json')))) -replace '-', '').ToLowerInvariant()
  }
  AfterEach { Remove-Item -LiteralPath $script:RunFolder -Recurse -Force -ErrorAction SilentlyContinue }

  It 'runs the batch when both hashes match' {
    $shell = (Get-Process -Id $PID).Path
    & $shell -NoProfile -ExecutionPolicy Bypass -File $script:LauncherPath -ModulePath $script:ModulePath -ModuleHash $script:ModuleHash -RunFolder $script:RunFolder -BatchHash $script:BatchHash
    $LASTEXITCODE | Should -Be 0
    $document = ConvertFrom-TestJson ([IO.File]::ReadAllText((Join-Path $script:RunFolder 'results.json')))
    $document['results'][0]['ok'] | Should -BeTrue
  }

  It 'refuses a module whose hash does not match, running nothing' {
    $shell = (Get-Process -Id $PID).Path
    $wrong = 'a' * 64
    & $shell -NoProfile -ExecutionPolicy Bypass -File $script:LauncherPath -ModulePath $script:ModulePath -ModuleHash $wrong -RunFolder $script:RunFolder -BatchHash $script:BatchHash
    $LASTEXITCODE | Should -Be 3
    $document = ConvertFrom-TestJson ([IO.File]::ReadAllText((Join-Path $script:RunFolder 'results.json')))
    $document.ContainsKey('results') | Should -BeFalse
    $document['error']['message'] | Should -Match 'SHA-256'
  }

  It 'refuses a batch changed after it was written' {
    $shell = (Get-Process -Id $PID).Path
    [IO.File]::WriteAllText((Join-Path $script:RunFolder 'batch.json'), '{"mode":"write","elevated":true,"ops":[{"op":"policy.refresh"}]}')
    & $shell -NoProfile -ExecutionPolicy Bypass -File $script:LauncherPath -ModulePath $script:ModulePath -ModuleHash $script:ModuleHash -RunFolder $script:RunFolder -BatchHash $script:BatchHash
    $LASTEXITCODE | Should -Be 4
  }
}

Describe 'saved passwords' {
  BeforeEach {
    $script:Cmdkey = Join-Path ([Environment]::SystemDirectory) 'cmdkey.exe'
    $script:Target = 'TERMSRV/rdp-repair-pester-' + [guid]::NewGuid().ToString('N')
    $null = & $script:Cmdkey ('/generic:' + $script:Target) '/user:pester' '/pass:not-a-secret' 2>&1
    $script:Saved = ($LASTEXITCODE -eq 0)
  }
  AfterEach { $null = & $script:Cmdkey ('/delete:' + $script:Target) 2>&1 }

  It 'lists a Remote Desktop password by target, type and user, never its secret' {
    if (-not $script:Saved) { Set-ItResult -Skipped -Because 'cmdkey could not save a password for this account'; return }
    $value = @((Invoke-Batch '{"mode":"read","ops":[{"op":"credential.list","targetPrefix":"TERMSRV/"}]}')['results'][0]['value'])
    $mine = @($value | Where-Object { $_['target'] -eq $script:Target })
    $mine.Count | Should -Be 1
    $mine[0]['type'] | Should -Be 'Generic'
    $mine[0]['user'] | Should -Be 'pester'
    $script:LastRaw | Should -Not -Match 'not-a-secret'
  }

  It 'deletes it, and deleting what is already gone is not an error' {
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
    $principal = New-Object Security.Principal.WindowsPrincipal ([Security.Principal.WindowsIdentity]::GetCurrent())
    $script:CanMakeCertificate = $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator) -and
      ($null -ne (Get-Command -Name New-SelfSignedCertificate -ErrorAction SilentlyContinue))
  }
  BeforeEach {
    $script:Certificate = $null
    if ($script:CanMakeCertificate) {
      $script:Certificate = New-SelfSignedCertificate -Subject ('CN=rdp-repair-pester-' + [guid]::NewGuid().ToString('N')) -CertStoreLocation 'Cert:\LocalMachine\My' -NotAfter (Get-Date).AddDays(2)
    }
  }
  AfterEach {
    if ($null -ne $script:Certificate) {
      Remove-Item -LiteralPath ('Cert:\LocalMachine\My\' + $script:Certificate.Thumbprint) -ErrorAction SilentlyContinue
    }
  }

  It 'lists a machine certificate by thumbprint, subject and expiry, then removes it by thumbprint' {
    if (-not $script:CanMakeCertificate) { Set-ItResult -Skipped -Because 'making a machine certificate needs an administrator and New-SelfSignedCertificate'; return }
    $thumbprint = $script:Certificate.Thumbprint.ToUpperInvariant()
    $list = '{"op":"certificate.list","store":"LocalMachine\\My"}'
    $remove = '{"op":"certificate.remove","store":"LocalMachine\\My","thumbprint":"' + $thumbprint + '"}'
    $results = (Invoke-Batch ('{"mode":"write","elevated":true,"ops":[' + $list + ',' + $remove + ',' + $remove + ',' + $list + ']}'))['results']
    $mine = @($results[0]['value'] | Where-Object { $_['thumbprint'] -eq $thumbprint })
    $mine.Count | Should -Be 1
    $mine[0]['subject'] | Should -Be $script:Certificate.Subject
    $mine[0]['notAfter'] | Should -Be ($script:Certificate.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", [Globalization.CultureInfo]::InvariantCulture))
    $results[1]['ok'] | Should -BeTrue
    $results[2]['ok'] | Should -BeTrue
    @($results[3]['value'] | Where-Object { $_['thumbprint'] -eq $thumbprint }).Count | Should -Be 0
    Test-Path -LiteralPath ('Cert:\LocalMachine\My\' + $thumbprint) | Should -BeFalse
  }

  It 'refuses a thumbprint that is not 40 upper-case hex digits' {
    $results = (Invoke-Batch '{"mode":"write","ops":[{"op":"certificate.remove","store":"LocalMachine\\My","thumbprint":"zz00000000000000000000000000000000000000"}]}')['results']
    $results[0]['error']['code'] | Should -Be 'invalid-argument'
  }
}

Describe 'services' {
  It 'answers whether <Name> exists and, if so, its state' -ForEach @(@{ Name = 'TermService' }, @{ Name = 'SessionEnv' }, @{ Name = 'UmRdpService' }) {
    $value = (Invoke-Batch ('{"mode":"read","ops":[{"op":"service.status","name":"' + $Name + '"}]}'))['results'][0]['value']
    $service = Get-Service -Name $Name -ErrorAction SilentlyContinue
    $value['exists'] | Should -Be ($null -ne $service)
    if ($null -ne $service) { $value['status'] | Should -BeIn @('Running', 'Stopped', 'StartPending', 'StopPending', 'Paused') }
  }
}

Describe 'network adapters and security products' {
  It 'lists every adapter Windows reports, each with a status the app knows' {
    $value = @((Invoke-Batch '{"mode":"read","ops":[{"op":"net.adapters"}]}')['results'][0]['value'])
    @($value | Where-Object { $_['kind'] -eq 'adapter' }).Count | Should -Be @(Get-NetAdapter -ErrorAction SilentlyContinue).Count
    foreach ($adapter in $value) { $adapter['status'] | Should -BeIn @('Up', 'Down', 'Disconnected', 'Disabled', 'NotPresent', 'Unknown') }
  }

  It 'answers the security products, or none where Windows has no Security Center (Windows Server)' {
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
