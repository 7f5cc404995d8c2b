# ---------------------------------------------------------------- certificates

function Format-UtcTime {
  param([DateTime]$Time)
  return $Time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", $script:Invariant)
}

function Open-CertificateStore {
  param([string]$Store, [bool]$Writable)
  $storeName = $Store.Substring('LocalMachine\'.Length)
  $x509 = New-Object System.Security.Cryptography.X509Certificates.X509Store ($storeName, [System.Security.Cryptography.X509Certificates.StoreLocation]::LocalMachine)
  $flags = [System.Security.Cryptography.X509Certificates.OpenFlags]::OpenExistingOnly
  # A store that does not exist holds no certificate: listing it is empty, removing from it succeeds.
  try { $x509.Open($flags) } catch [System.Security.Cryptography.CryptographicException] { return $null }
  if ($Writable) {
    $x509.Close()
    try { $x509.Open(($flags -bor [System.Security.Cryptography.X509Certificates.OpenFlags]::ReadWrite)) } catch {
      throw (Get-TypedException 'access-denied' ('The certificate store ' + $Store + ' cannot be changed: ' + $_.Exception.Message))
    }
  }
  return $x509
}

function Invoke-OpCertificateList {
  param($Op)
  $store = Get-ChoiceField $Op 'store' $script:CertificateStores
  $certificates = New-Object 'System.Collections.Generic.List[object]'
  $x509 = Open-CertificateStore $store $false
  if ($null -ne $x509) {
    try {
      foreach ($certificate in $x509.Certificates) {
        $certificates.Add([ordered]@{
            thumbprint = $certificate.Thumbprint.ToUpperInvariant()
            subject = [string]$certificate.Subject
            notAfter = (Format-UtcTime $certificate.NotAfter)
          })
      }
    } finally { $x509.Close() }
  }
  $script:OpValue = $certificates.ToArray()
}

function Invoke-OpCertificateRemove {
  param($Op)
  $store = Get-ChoiceField $Op 'store' $script:CertificateStores
  $thumbprint = Get-StringField $Op 'thumbprint' 40 40
  if ($thumbprint -cnotmatch '^[0-9A-F]{40}$') { throw (Get-InvalidArgument 'Not a SHA-1 thumbprint.') }
  $x509 = Open-CertificateStore $store $true
  if ($null -ne $x509) {
    try {
      foreach ($certificate in @($x509.Certificates.Find([System.Security.Cryptography.X509Certificates.X509FindType]::FindByThumbprint, $thumbprint, $false))) {
        $x509.Remove($certificate)
      }
    } finally { $x509.Close() }
  }
  $script:OpValue = $null
}

