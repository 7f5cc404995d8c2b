# ---------------------------------------------------------------- certificates

function Format-UtcTime {
  param([DateTime]$Time)
  return $Time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", $script:Invariant)
}

# The CryptographicException in an error's chain (PowerShell wraps a .NET method's exception), or $null.
function Get-CryptographicException {
  param([System.Exception]$Exception)
  $cursor = $Exception
  for ($depth = 0; $null -ne $cursor -and $depth -lt 8; $depth++) {
    if ($cursor -is [System.Security.Cryptography.CryptographicException]) { return $cursor }
    $cursor = $cursor.InnerException
  }
  return $null
}

<#
  Whether a Windows error code is this Win32 error: .NET Framework (Windows PowerShell 5.1) turns a Win32 code
  into its HRESULT (0x8007xxxx), .NET (PowerShell 7) keeps the code it was given.
#>
function Test-Win32Code {
  param([int]$Code, [int]$Win32)
  return ($Code -eq $Win32 -or $Code -eq ([int](0x80070000 -bor $Win32)))
}

# Opens the store; throws the CryptographicException Windows answers with (a test stands in for it).
function Open-X509Store {
  param([System.Security.Cryptography.X509Certificates.X509Store]$X509, [System.Security.Cryptography.X509Certificates.OpenFlags]$Flags)
  $X509.Open($Flags)
}

<#
  A store that does not exist (ERROR_FILE_NOT_FOUND) holds no certificate: listing it is empty ($null here),
  removing from it succeeds. Any other failure to open it (access denied, a damaged store, a system without
  Windows' machine stores) is an op error: a store that could not be read is never reported empty.
#>
function Open-CertificateStore {
  param([string]$Store, [bool]$Writable)
  $storeName = $Store.Substring('LocalMachine\'.Length)
  $x509 = New-Object System.Security.Cryptography.X509Certificates.X509Store ($storeName, [System.Security.Cryptography.X509Certificates.StoreLocation]::LocalMachine)
  $flags = [System.Security.Cryptography.X509Certificates.OpenFlags]::OpenExistingOnly
  if ($Writable) { $flags = $flags -bor [System.Security.Cryptography.X509Certificates.OpenFlags]::ReadWrite }
  try { Open-X509Store $x509 $flags } catch {
    $crypto = Get-CryptographicException $_.Exception
    $code = 0
    if ($null -ne $crypto) { $code = [int]$crypto.HResult }
    if ($null -ne $crypto -and (Test-Win32Code $code 2)) { return $null }
    $kind = 'failed'
    if ($null -ne $crypto -and (Test-Win32Code $code 5)) { $kind = 'access-denied' }
    throw (Get-TypedException $kind ('The certificate store ' + $Store + ' cannot be opened: ' + $_.Exception.Message))
  }
  return $x509
}

<#
  The identities in the token of the process that loads the listener's key: TermService, which runs as NETWORK
  SERVICE (svchost -k NetworkService) and whose service SID Windows adds to that token. A key file that grants
  read to one of these lets the listener read it:
    S-1-5-20      NETWORK SERVICE
    S-1-5-80-446051430-1559341753-4161941529-1950928533-810483104   NT SERVICE\TermService: a service SID is
                  S-1-5-80- and the SHA-1 of the upper-case service name in UTF-16 LE, as five little-endian
                  32-bit numbers (the same rule gives TrustedInstaller's well-known S-1-5-80-956008885-...)
    S-1-1-0 Everyone, S-1-5-11 Authenticated Users, S-1-5-32-545 Users, S-1-5-6 SERVICE: groups in that token.
  Not counted, because they are not in TermService's token: SYSTEM (S-1-5-18), Administrators (S-1-5-32-544)
  and NT SERVICE\SessionEnv (S-1-5-80-4022436659-1090538466-1613889075-870485073-3428993833; SessionEnv runs
  as LocalSystem in its own process and only makes the key). A key only they may read is one the listener
  cannot use.
#>
$script:ServiceKeyReaders = @(
  'S-1-5-20',
  'S-1-5-80-446051430-1559341753-4161941529-1950928533-810483104',
  'S-1-1-0', 'S-1-5-11', 'S-1-5-32-545', 'S-1-5-6'
)
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
  Windows' answers to an administrator (who may open every machine key) that show the key is gone:
    NTE_NO_KEY 0x8009000D ("Key does not exist"): the key container opened but holds no key pair;
    NTE_NOT_FOUND 0x80090011 ("Object was not found"): CNG has no such key;
    ERROR_FILE_NOT_FOUND (0x80070002, or 2 as .NET reports it): the key's file is gone.
  NTE_BAD_KEYSET 0x80090016 ("Keyset does not exist") is not among them: CryptAcquireContext's documentation
  says it also means that access to an existing key container was denied, which an administrator meets when the
  key file's ACL shuts Administrators out while NETWORK SERVICE may still read it. It, and every other answer
  (a provider not available, the key isolation service not answering, a transient failure), leaves the key
  unknown, with Windows' words: never removable on that evidence.
#>
$script:KeyGoneCodes = @(-2146893811, -2146893807, -2147024894, 2)

# An administrator's failed attempt to open a key: unreadable when the answer shows it is gone, else unknown.
function Set-KeyOpenFailure {
  param($State, [System.Exception]$Exception)
  $crypto = Get-CryptographicException $Exception
  $code = 0
  if ($null -ne $crypto) { $code = [int]$crypto.HResult }
  if ($null -ne $crypto -and $script:KeyGoneCodes -contains $code) { $State['privateKey'] = 'unreadable'; return }
  $State['privateKey'] = 'unknown'
  $why = [string]$Exception.Message
  if ($null -ne $crypto) { $why = [string]$crypto.Message }
  $why = ($why -replace '[\r\n]+', ' ').Trim() + ' (0x' + ('{0:X8}' -f $code) + ')'
  if ($why.Length -gt 500) { $why = $why.Substring(0, 500) }
  $State['privateKeyError'] = $why
}

<#
  What the listener needs of a certificate's private key, as far as this process can tell. privateKey: readable;
  none (the certificate has no key); unreadable (an administrator cannot open it and Windows says it is gone);
  unknown (only an administrator may open machine keys, and CryptoAPI reports "keyset does not exist" for a
  denied key too, so an unelevated process cannot tell; or an administrator's attempt got an answer that does
  not show the key is gone: then privateKeyError says why). serviceCanReadKey: whether the key file lets the
  listener's identities read it, or $null where the file or its permissions cannot be seen.
#>
function Get-CertificateKeyState {
  param([System.Security.Cryptography.X509Certificates.X509Certificate2]$Certificate, [bool]$Administrator)
  $state = [ordered]@{ privateKey = 'none'; serviceCanReadKey = $null }
  if (-not $Certificate.HasPrivateKey) { return $state }
  $key = $null
  try {
    $key = Open-CertificatePrivateKey $Certificate
  } catch {
    if ($Administrator) { Set-KeyOpenFailure $state $_.Exception } else { $state['privateKey'] = 'unknown' }
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
        $entry = [ordered]@{
          thumbprint = $certificate.Thumbprint.ToUpperInvariant()
          subject = [string]$certificate.Subject
          notAfter = (Format-UtcTime $certificate.NotAfter)
          privateKey = $key['privateKey']
          serviceCanReadKey = $key['serviceCanReadKey']
        }
        if ($key.Contains('privateKeyError')) { $entry['privateKeyError'] = $key['privateKeyError'] }
        $certificates.Add($entry)
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

# SessionEnv's start type as the service manager says it ('Automatic', 'Manual', 'Disabled'...), or $null when
# it is not installed; throws where the service manager cannot be asked.
function Get-SessionEnvStartType {
  $service = Get-Service -Name 'SessionEnv' -ErrorAction SilentlyContinue
  if ($null -eq $service) { return $null }
  return [string]$service.StartType
}

# Whether SessionEnv may start, so that Windows makes the new certificate once the old one is gone.
function Test-SessionEnvCanStart {
  $startType = Get-SessionEnvStartType
  return ($null -ne $startType -and $startType -ne 'Disabled')
}

<#
  A removed certificate cannot be put back (its key cannot be exported), and the Remote Desktop Configuration
  service (SessionEnv) is what makes the new one: with SessionEnv missing or disabled the restart after the
  removal fails and leaves the listener with none. Checked here, before the store is touched, whatever the
  engine saw at scan time.
#>
function Assert-SessionEnvCanStart {
  $canStart = $false
  try { $canStart = Test-SessionEnvCanStart } catch {
    throw (Get-TypedException 'failed' ('No certificate is removed: whether the Remote Desktop Configuration service (SessionEnv) may start could not be read: ' + $_.Exception.Message))
  }
  if (-not $canStart) {
    throw (Get-TypedException 'failed' 'No certificate is removed: the Remote Desktop Configuration service (SessionEnv), which makes the new one, is not installed or is disabled.')
  }
}

function Invoke-OpCertificateRemove {
  param($Op)
  $store = Get-ChoiceField $Op 'store' $script:CertificateStores
  $thumbprint = Get-StringField $Op 'thumbprint' 40 40
  if ($thumbprint -cnotmatch '^[0-9A-F]{40}$') { throw (Get-InvalidArgument 'Not a SHA-1 thumbprint.') }
  Assert-MachineWideBatch
  Assert-ElevatedWrite 'certificate.remove' -Store $store
  Assert-SessionEnvCanStart
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

