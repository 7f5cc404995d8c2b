<#
  Pester 5 tests of what the interpreter's certificate ops do when Windows' answer is uncertain (issue 25, part 2):
  a store that does not open is an op error, never an empty list; an administrator's failure to open a key is
  "unreadable" only for answers that show the key is gone; the service's own SID counts as the listener
  reading the key; nothing is removed unless SessionEnv can make the replacement. Windows' answers are
  stood in for with Pester mocks, so these run in PowerShell 7 on Linux too.
#>

BeforeAll {
  $modulePath = Join-Path (Split-Path -Parent $PSScriptRoot) 'RdpRepair.Interpreter.psm1'
  $script:Module = Import-Module -Name $modulePath -Force -PassThru
  $script:OnWindows = [Environment]::OSVersion.Platform -eq [PlatformID]::Win32NT
  $script:Documents = Join-Path ([IO.Path]::GetTempPath()) ('rdp-repair-certificates-' + [guid]::NewGuid().ToString('N'))
  $null = New-Item -ItemType Directory -Path $script:Documents

  function Invoke-Batch {
    param([string]$Json)
    $encoded = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($Json))
    $raw = Invoke-RdpRepairBatch -EncodedBatch $encoded -TestRegistryRoot 'HKCU\Software\RdpRepairContractTest\certificates' -DocumentsFolder $script:Documents
    return , (& $script:Module { param($t) ConvertFrom-BatchJson $t } $raw)
  }

  # A mock body that throws the CryptographicException Windows answers with this code.
  function New-CryptoThrow {
    param([int]$Code)
    return [scriptblock]::Create('throw [System.Security.Cryptography.CryptographicException]::new(' + $Code + ')')
  }

  $keyPair = [System.Security.Cryptography.RSA]::Create(2048)
  $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=rdp-repair-pester-uncertain', $keyPair, [System.Security.Cryptography.HashAlgorithmName]::SHA256, [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
  $script:WithKey = $request.CreateSelfSigned([DateTimeOffset]::UtcNow.AddDays(-1), [DateTimeOffset]::UtcNow.AddDays(90))
  $script:Thumbprint = $script:WithKey.Thumbprint.ToUpperInvariant()
}

AfterAll {
  Remove-Item -LiteralPath $script:Documents -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'a certificate store that cannot be opened' {
  It 'is an op error (<Code>), never an empty store, for Windows code <HResult>' -ForEach @(
    @{ HResult = 5; Code = 'access-denied' },
    @{ HResult = -2147024891; Code = 'access-denied' },
    @{ HResult = -2146893802; Code = 'failed' },
    @{ HResult = -2146233087; Code = 'failed' }
  ) {
    Mock -ModuleName $script:Module.Name Open-X509Store (New-CryptoThrow $HResult)
    $result = (Invoke-Batch '{"mode":"read","ops":[{"op":"certificate.list","store":"LocalMachine\\Remote Desktop"}]}')['results'][0]
    $result['ok'] | Should -BeFalse
    $result['error']['code'] | Should -Be $Code
    $result['error']['message'] | Should -Match 'LocalMachine\\Remote Desktop'
  }

  It 'is empty only when the store does not exist (ERROR_FILE_NOT_FOUND, <HResult>)' -ForEach @(
    @{ HResult = 2 }, @{ HResult = -2147024894 }
  ) {
    Mock -ModuleName $script:Module.Name Open-X509Store (New-CryptoThrow $HResult)
    $result = (Invoke-Batch '{"mode":"read","ops":[{"op":"certificate.list","store":"LocalMachine\\Remote Desktop"}]}')['results'][0]
    $result['ok'] | Should -BeTrue
    @($result['value']).Count | Should -Be 0
  }

  It 'is an op error on a system whose machine stores are not Windows ones' {
    if ($script:OnWindows) { Set-ItResult -Skipped -Because 'Windows opens its LocalMachine stores' }
    $result = (Invoke-Batch '{"mode":"read","ops":[{"op":"certificate.list","store":"LocalMachine\\My"}]}')['results'][0]
    $result['ok'] | Should -BeFalse
    $result['error']['code'] | Should -Be 'failed'
  }
}

Describe 'a private key an administrator could not open' {
  It 'is <Expected> for Windows code <HResult> (<Why>)' -ForEach @(
    @{ HResult = -2146893811; Expected = 'unreadable'; Why = 'NTE_NO_KEY: the container holds no key' },
    @{ HResult = -2146893807; Expected = 'unreadable'; Why = 'NTE_NOT_FOUND: no such key' },
    @{ HResult = -2147024894; Expected = 'unreadable'; Why = 'ERROR_FILE_NOT_FOUND: the key file is gone' },
    @{ HResult = 2; Expected = 'unreadable'; Why = 'ERROR_FILE_NOT_FOUND as .NET reports it' },
    @{ HResult = -2146893802; Expected = 'unknown'; Why = 'NTE_BAD_KEYSET: gone, or access denied' },
    @{ HResult = -2146893794; Expected = 'unknown'; Why = 'NTE_PROV_DLL_NOT_FOUND: provider not available' },
    @{ HResult = -2147023174; Expected = 'unknown'; Why = 'RPC_S_SERVER_UNAVAILABLE: KeyIso not answering' }
  ) {
    Mock -ModuleName $script:Module.Name Open-CertificatePrivateKey (New-CryptoThrow $HResult)
    $state = & $script:Module { param($c) Get-CertificateKeyState $c $true } $script:WithKey
    $state['privateKey'] | Should -Be $Expected
    if ($Expected -eq 'unknown') {
      $state['privateKeyError'] | Should -Match ('0x' + ('{0:X8}' -f $HResult))
    } else {
      $state.Contains('privateKeyError') | Should -BeFalse
    }
  }

  It 'is unknown, without a reason, to a standard user whatever Windows answers' {
    Mock -ModuleName $script:Module.Name Open-CertificatePrivateKey (New-CryptoThrow -2146893811)
    $state = & $script:Module { param($c) Get-CertificateKeyState $c $false } $script:WithKey
    $state['privateKey'] | Should -Be 'unknown'
    $state.Contains('privateKeyError') | Should -BeFalse
  }

  It 'is not removable when it could not be checked, and removable when it is gone' {
    Mock -ModuleName $script:Module.Name Test-ProcessIsAdministrator { $true }
    Mock -ModuleName $script:Module.Name Open-CertificatePrivateKey (New-CryptoThrow -2146893802)
    (& $script:Module { param($c) Test-CertificateRemovable $c } $script:WithKey) | Should -BeFalse
    Mock -ModuleName $script:Module.Name Open-CertificatePrivateKey (New-CryptoThrow -2146893811)
    (& $script:Module { param($c) Test-CertificateRemovable $c } $script:WithKey) | Should -BeTrue
  }
}

Describe 'the identities that read the listener''s key' {
  It 'counts <Name> (<Sid>): <Expected>' -ForEach @(
    @{ Name = 'NETWORK SERVICE'; Sid = 'S-1-5-20'; Expected = $true },
    @{ Name = 'NT SERVICE\TermService'; Sid = 'S-1-5-80-446051430-1559341753-4161941529-1950928533-810483104'; Expected = $true },
    @{ Name = 'NT SERVICE\SessionEnv, not in TermService''s token'; Sid = 'S-1-5-80-4022436659-1090538466-1613889075-870485073-3428993833'; Expected = $false },
    @{ Name = 'SYSTEM, not in TermService''s token'; Sid = 'S-1-5-18'; Expected = $false },
    @{ Name = 'Administrators, not in TermService''s token'; Sid = 'S-1-5-32-544'; Expected = $false }
  ) {
    $entries = @(@{ allow = $true; sid = $Sid; mask = 0x120089 })
    (& $script:Module { param($e) Test-ServiceCanReadKey $e } $entries) | Should -Be $Expected
  }
}

Describe 'a removal only when Windows can make the replacement' {
  It 'SessionEnv start type <StartType>: may start is <Expected>' -ForEach @(
    @{ StartType = 'Manual'; Expected = $true },
    @{ StartType = 'Automatic'; Expected = $true },
    @{ StartType = 'Disabled'; Expected = $false }
  ) {
    Mock -ModuleName $script:Module.Name Get-SessionEnvStartType ([scriptblock]::Create("'" + $StartType + "'"))
    (& $script:Module { Test-SessionEnvCanStart }) | Should -Be $Expected
  }

  It 'refuses certificate.remove, before the store is touched, when SessionEnv is <State>' -ForEach @(
    @{ State = 'disabled'; Body = "'Disabled'" },
    @{ State = 'not installed'; Body = '$null' },
    @{ State = 'unreadable'; Body = "throw 'The service manager did not answer.'" }
  ) {
    Mock -ModuleName $script:Module.Name Get-SessionEnvStartType ([scriptblock]::Create($Body))
    Mock -ModuleName $script:Module.Name Open-X509Store { throw 'the store must not be opened' }
    $remove = '{"op":"certificate.remove","store":"LocalMachine\\Remote Desktop","thumbprint":"' + $script:Thumbprint + '"}'
    $result = (Invoke-Batch ('{"mode":"write","elevated":true,"ops":[' + $remove + ']}'))['results'][0]
    $result['ok'] | Should -BeFalse
    $result['error']['code'] | Should -Be 'failed'
    $result['error']['message'] | Should -Match 'SessionEnv'
    Should -Invoke -ModuleName $script:Module.Name Open-X509Store -Times 0 -Exactly
  }
}
