<#
  Pester 5 tests of the interpreter's certificate ops on real stores and keys (Certificates.Tests.ps1 has
  Windows' uncertain answers, mocked).
  Setup shared with the other RdpRepair.Interpreter.*.Tests.ps1 files: RdpRepair.Interpreter.TestSetup.ps1.
#>

BeforeAll {
  . (Join-Path $PSScriptRoot 'RdpRepair.Interpreter.TestSetup.ps1')
}

Describe 'RdpRepair.Interpreter' {
BeforeEach { Initialize-TestSandbox }

AfterEach { Remove-TestSandbox }

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
}
