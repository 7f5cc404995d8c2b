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

# What Remote Desktop Services (NETWORK SERVICE) needs of a machine key: read access to its file. These SIDs
# include it: NETWORK SERVICE, Everyone, Authenticated Users, Users, SERVICE.
$script:ServiceKeyReaders = @('S-1-5-20', 'S-1-1-0', 'S-1-5-11', 'S-1-5-32-545', 'S-1-5-6')
# FILE_READ_DATA: without it the key cannot be loaded, whatever else the entry grants.
$script:ReadDataMask = 1

<#
  Whether the listener's service may read a key file, from its access entries as plain records
  (@{ allow = bool; sid = 'S-1-5-20'; mask = int }), so the rule is tested where no ACL API exists. A deny entry
  for the service wins over any allow, as Windows evaluates them (deny entries come first in a canonical ACL).
#>
function Test-ServiceCanReadKey {
  param([object[]]$Entries)
  $allowed = $false
  foreach ($entry in $Entries) {
    if ($script:ServiceKeyReaders -notcontains $entry['sid']) { continue }
    if (($entry['mask'] -band $script:ReadDataMask) -eq 0) { continue }
    if (-not $entry['allow']) { return $false }
    $allowed = $true
  }
  return $allowed
}

# The key's file under %ProgramData%\Microsoft\Crypto (CNG keys in Keys, CryptoAPI keys in RSA\MachineKeys), or
# $null where the key has no such file (not Windows, or a name that is not a plain file name).
function Find-MachineKeyFile {
  param($Key)
  $name = $null
  if ($Key -is [System.Security.Cryptography.RSACng]) { $name = [string]$Key.Key.UniqueName }
  elseif ($Key -is [System.Security.Cryptography.RSACryptoServiceProvider]) { $name = [string]$Key.CspKeyContainerInfo.UniqueKeyContainerName }
  if ([string]::IsNullOrEmpty($name) -or $name.Length -gt 255 -or $name.IndexOfAny([IO.Path]::GetInvalidFileNameChars()) -ge 0) { return $null }
  $crypto = Join-Path ([Environment]::GetFolderPath('CommonApplicationData')) 'Microsoft\Crypto'
  foreach ($folder in @('Keys', 'RSA\MachineKeys')) {
    $path = Join-Path (Join-Path $crypto $folder) $name
    if ([IO.File]::Exists($path)) { return $path }
  }
  return $null
}

# The access entries of a key file as Test-ServiceCanReadKey takes them, or $null where they cannot be read.
function Get-KeyFileEntry {
  param([string]$Path)
  try {
    $acl = Get-Acl -LiteralPath $Path -ErrorAction Stop
    $rules = $acl.GetAccessRules($true, $true, [System.Security.Principal.SecurityIdentifier])
  } catch { return $null }
  $entries = New-Object 'System.Collections.Generic.List[object]'
  foreach ($rule in $rules) {
    $entries.Add(@{
        allow = ($rule.AccessControlType -eq [System.Security.AccessControl.AccessControlType]::Allow)
        sid = [string]$rule.IdentityReference.Value
        mask = [int]$rule.FileSystemRights
      })
  }
  return , $entries.ToArray()
}

# The certificate's RSA private key (the caller disposes of it), $null for another kind of key; throws a
# CryptographicException when the key cannot be opened.
function Open-CertificatePrivateKey {
  param([System.Security.Cryptography.X509Certificates.X509Certificate2]$Certificate)
  return [System.Security.Cryptography.X509Certificates.RSACertificateExtensions]::GetRSAPrivateKey($Certificate)
}

<#
  What the listener needs of a certificate's private key, as far as this process can tell. privateKey: readable;
  none (the certificate has no key); unreadable (an administrator cannot open it: its file is gone or damaged);
  unknown (only an administrator may open machine keys, and CryptoAPI reports "keyset does not exist" for a
  denied key too, so an unelevated process cannot tell the two apart). serviceCanReadKey: whether the key
  file lets NETWORK SERVICE read it, or $null where the file or its permissions cannot be seen.
#>
function Get-CertificateKeyState {
  param([System.Security.Cryptography.X509Certificates.X509Certificate2]$Certificate, [bool]$Administrator)
  $state = [ordered]@{ privateKey = 'none'; serviceCanReadKey = $null }
  if (-not $Certificate.HasPrivateKey) { return $state }
  $key = $null
  try {
    $key = Open-CertificatePrivateKey $Certificate
  } catch [System.Security.Cryptography.CryptographicException] {
    $state['privateKey'] = if ($Administrator) { 'unreadable' } else { 'unknown' }
    return $state
  }
  # Not an RSA key: Remote Desktop's own certificates are RSA, so say nothing rather than guess.
  if ($null -eq $key) { $state['privateKey'] = 'unknown'; return $state }
  try {
    $state['privateKey'] = 'readable'
    $file = Find-MachineKeyFile $key
    if ($null -ne $file) {
      $entries = Get-KeyFileEntry $file
      if ($null -ne $entries) { $state['serviceCanReadKey'] = Test-ServiceCanReadKey $entries }
    }
  } finally { $key.Dispose() }
  return $state
}

# Whether this process runs with administrator rights; never on a system without Windows identities.
function Test-ProcessIsAdministrator {
  if ([Environment]::OSVersion.Platform -ne [PlatformID]::Win32NT) { return $false }
  $principal = New-Object Security.Principal.WindowsPrincipal ([Security.Principal.WindowsIdentity]::GetCurrent())
  return $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
}

function Invoke-OpCertificateList {
  param($Op)
  $store = Get-ChoiceField $Op 'store' $script:CertificateStores
  $certificates = New-Object 'System.Collections.Generic.List[object]'
  $x509 = Open-CertificateStore $store $false
  if ($null -ne $x509) {
    $administrator = Test-ProcessIsAdministrator
    try {
      foreach ($certificate in $x509.Certificates) {
        $key = Get-CertificateKeyState $certificate $administrator
        $certificates.Add([ordered]@{
            thumbprint = $certificate.Thumbprint.ToUpperInvariant()
            subject = [string]$certificate.Subject
            notAfter = (Format-UtcTime $certificate.NotAfter)
            privateKey = $key['privateKey']
            serviceCanReadKey = $key['serviceCanReadKey']
          })
      }
    } finally { $x509.Close() }
  }
  $script:OpValue = $certificates.ToArray()
}

<#
  Checked again at the moment of removal, by the side that removes (shared/machine-allow-list.json,
  certificateRemoval): only a certificate the listener cannot use goes; a still usable one is refused.
#>
function Test-CertificateRemovable {
  param([System.Security.Cryptography.X509Certificates.X509Certificate2]$Certificate)
  $window = [double]$script:ElevatedWrites['certificateRemovalWindowDays']
  if ($Certificate.NotAfter.ToUniversalTime() -le [DateTime]::UtcNow.AddDays($window)) { return $true }
  $key = Get-CertificateKeyState $Certificate (Test-ProcessIsAdministrator)
  return ($key['privateKey'] -eq 'none' -or $key['privateKey'] -eq 'unreadable' -or $key['serviceCanReadKey'] -eq $false)
}

function Invoke-OpCertificateRemove {
  param($Op)
  $store = Get-ChoiceField $Op 'store' $script:CertificateStores
  $thumbprint = Get-StringField $Op 'thumbprint' 40 40
  if ($thumbprint -cnotmatch '^[0-9A-F]{40}$') { throw (Get-InvalidArgument 'Not a SHA-1 thumbprint.') }
  Assert-MachineWideBatch
  Assert-ElevatedWrite 'certificate.remove' -Store $store
  $x509 = Open-CertificateStore $store $true
  if ($null -ne $x509) {
    try {
      foreach ($certificate in @($x509.Certificates.Find([System.Security.Cryptography.X509Certificates.X509FindType]::FindByThumbprint, $thumbprint, $false))) {
        if (-not (Test-CertificateRemovable $certificate)) { throw (Get-InvalidArgument 'A certificate the listener can use is never removed.') }
        $x509.Remove($certificate)
      }
    } finally { $x509.Close() }
  }
  $script:OpValue = $null
}

