<#
  RDP Repair interpreter: runs one batch of machine-port ops (shared/ops.ts) and returns one JSON document.

  Input is base64 of a UTF-8 JSON batch { ops, mode, elevated }, so no user text is ever parsed as code.
  Every op is dispatched from a fixed table and its arguments are checked again here, whatever the app
  validated before. Output: {"protocol":1,"results":[...]} (one result per op) or {"protocol":1,"error":{...}}
  when the batch itself is unreadable. The JSON is pure ASCII (\uXXXX escapes), so the console code page
  cannot corrupt it.

  Windows PowerShell 5.1 compatible: no PowerShell 7-only syntax; the batch is parsed by a small JSON
  reader below because ConvertFrom-Json turns date-like strings into DateTime on PowerShell 7.
#>

Set-StrictMode -Version 2.0

$script:AllowedRegistryRoots = @(
  'HKCU\Software\Microsoft\Terminal Server Client',
  'HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services'
)
$script:TestRegistryRootPattern = '^HKCU\\Software\\RdpRepairContractTest(\\[^\\\x00\r\n]+)*$'
$script:ServiceNames = @('TermService', 'SessionEnv', 'UmRdpService')
$script:CertificateStores = @('LocalMachine\Remote Desktop', 'LocalMachine\My')
$script:EventChannels = @('Microsoft-Windows-TerminalServices-RDPClient/Operational', 'System', 'Application')
$script:EventLevels = @{ 'Critical' = 1; 'Error' = 2; 'Warning' = 3; 'Information' = 4 }
$script:FileAttributeNames = @('Hidden', 'ReadOnly', 'System', 'Archive')
$script:MaxTreeDepth = 40
$script:Invariant = [Globalization.CultureInfo]::InvariantCulture

# Per-batch state, set by Invoke-RdpRepairBatch.
$script:Elevated = $false
$script:TestRoot = $null
$script:DocumentsOverride = $null
$script:OpValue = $null

# ---------------------------------------------------------------- errors

function Get-TypedException {
  param([string]$Code, [string]$Message)
  $exception = New-Object System.Exception $Message
  $exception.Data['RdpRepairCode'] = $Code
  return $exception
}

function ConvertTo-OpError {
  param($ErrorRecord)
  $exception = $ErrorRecord.Exception
  $code = 'failed'
  $cursor = $exception
  while ($null -ne $cursor) {
    if ($cursor.Data.Contains('RdpRepairCode')) { $code = [string]$cursor.Data['RdpRepairCode']; $exception = $cursor; break }
    if ($cursor -is [System.UnauthorizedAccessException] -or $cursor -is [System.Security.SecurityException]) { $code = 'access-denied'; break }
    if ($cursor -is [System.ComponentModel.Win32Exception] -and $cursor.NativeErrorCode -eq 5) { $code = 'access-denied'; break }
    if ($cursor -is [System.Management.Automation.ItemNotFoundException] -or $cursor -is [System.IO.FileNotFoundException]) { $code = 'not-found'; break }
    $cursor = $cursor.InnerException
  }
  $message = [string]$exception.Message
  if ($message.Length -gt 1000) { $message = $message.Substring(0, 1000) }
  $result = [ordered]@{}
  $result['ok'] = $false
  $result['error'] = [ordered]@{ code = $code; message = $message }
  return $result
}

function Get-InvalidArgument {
  param([string]$Message)
  return (Get-TypedException 'invalid-argument' $Message)
}

# ---------------------------------------------------------------- JSON reader

$script:JsonTokenPattern = New-Object System.Text.RegularExpressions.Regex (
  '\G[ \t\r\n]*(?:"((?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*)"|(-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)|(true|false|null)|([{}\[\]:,]))'
)
$script:JsonEscapePattern = New-Object System.Text.RegularExpressions.Regex ('\\(?:u([0-9a-fA-F]{4})|(.))')
$script:JsonEscapeEvaluator = [System.Text.RegularExpressions.MatchEvaluator] {
  param($match)
  if ($match.Groups[1].Success) { return [string][char][Convert]::ToInt32($match.Groups[1].Value, 16) }
  switch -CaseSensitive ($match.Groups[2].Value) {
    'b' { return [string][char]8 }
    'f' { return [string][char]12 }
    'n' { return "`n" }
    'r' { return "`r" }
    't' { return "`t" }
    default { return $match.Groups[2].Value }
  }
}

function Read-JsonToken {
  param([string]$Text)
  $kinds = New-Object 'System.Collections.Generic.List[char]'
  $values = New-Object 'System.Collections.Generic.List[object]'
  $position = 0
  while ($true) {
    $match = $script:JsonTokenPattern.Match($Text, $position)
    if (-not $match.Success) {
      if ($Text.Substring($position).Trim().Length -eq 0) { break }
      throw (Get-InvalidArgument "The batch is not valid JSON (at character $position).")
    }
    $position = $match.Index + $match.Length
    if ($match.Groups[1].Success) {
      $raw = $match.Groups[1].Value
      if ($raw.IndexOf('\') -ge 0) { $raw = $script:JsonEscapePattern.Replace($raw, $script:JsonEscapeEvaluator) }
      $kinds.Add('s'); $values.Add($raw)
    } elseif ($match.Groups[2].Success) {
      $number = $match.Groups[2].Value
      $long = [long]0
      if ($number -match '^-?[0-9]+$' -and [long]::TryParse($number, [Globalization.NumberStyles]::AllowLeadingSign, $script:Invariant, [ref]$long)) {
        $kinds.Add('n'); $values.Add($long)
      } else {
        $kinds.Add('n'); $values.Add([double]::Parse($number, $script:Invariant))
      }
    } elseif ($match.Groups[3].Success) {
      $literal = $match.Groups[3].Value
      $kinds.Add('l')
      if ($literal -ceq 'true') { $values.Add($true) } elseif ($literal -ceq 'false') { $values.Add($false) } else { $values.Add($null) }
    } else {
      $kinds.Add([char]$match.Groups[4].Value); $values.Add($null)
    }
  }
  $script:JsonKinds = $kinds
  $script:JsonValues = $values
  $script:JsonIndex = 0
}

function Get-JsonKind {
  if ($script:JsonIndex -ge $script:JsonKinds.Count) { return [char]0 }
  return $script:JsonKinds[$script:JsonIndex]
}

function Read-JsonValue {
  param([int]$Depth)
  if ($Depth -gt 200) { throw (Get-InvalidArgument 'The batch JSON is nested too deeply.') }
  if ($script:JsonIndex -ge $script:JsonKinds.Count) { throw (Get-InvalidArgument 'The batch JSON ends too early.') }
  $kind = $script:JsonKinds[$script:JsonIndex]
  $value = $script:JsonValues[$script:JsonIndex]
  $script:JsonIndex++
  if ($kind -eq [char]'s' -or $kind -eq [char]'n' -or $kind -eq [char]'l') { return , $value }
  if ($kind -eq [char]'[') {
    $items = New-Object 'System.Collections.Generic.List[object]'
    if ((Get-JsonKind) -eq [char]']') { $script:JsonIndex++; return , ($items.ToArray()) }
    while ($true) {
      $items.Add((Read-JsonValue ($Depth + 1)))
      $separator = Read-JsonPunctuation
      if ($separator -eq [char]']') { return , ($items.ToArray()) }
      if ($separator -ne [char]',') { throw (Get-InvalidArgument 'The batch JSON has a malformed array.') }
    }
  }
  if ($kind -eq [char]'{') {
    $object = New-Object 'System.Collections.Generic.Dictionary[string,object]' ([StringComparer]::Ordinal)
    if ((Get-JsonKind) -eq [char]'}') { $script:JsonIndex++; return , $object }
    while ($true) {
      if ((Get-JsonKind) -ne [char]'s') { throw (Get-InvalidArgument 'The batch JSON has a malformed object.') }
      $name = [string]$script:JsonValues[$script:JsonIndex]
      $script:JsonIndex++
      if ((Read-JsonPunctuation) -ne [char]':') { throw (Get-InvalidArgument 'The batch JSON has a malformed object.') }
      if ($object.ContainsKey($name)) { throw (Get-InvalidArgument 'The batch JSON repeats a key.') }
      $object[$name] = Read-JsonValue ($Depth + 1)
      $separator = Read-JsonPunctuation
      if ($separator -eq [char]'}') { return , $object }
      if ($separator -ne [char]',') { throw (Get-InvalidArgument 'The batch JSON has a malformed object.') }
    }
  }
  throw (Get-InvalidArgument 'The batch JSON has an unexpected token.')
}

function Read-JsonPunctuation {
  if ($script:JsonIndex -ge $script:JsonKinds.Count) { throw (Get-InvalidArgument 'The batch JSON ends too early.') }
  $kind = $script:JsonKinds[$script:JsonIndex]
  $script:JsonIndex++
  return $kind
}

function ConvertFrom-BatchJson {
  param([string]$Text)
  Read-JsonToken $Text
  $value = Read-JsonValue 0
  if ($script:JsonIndex -ne $script:JsonKinds.Count) { throw (Get-InvalidArgument 'The batch JSON has trailing data.') }
  return , $value
}

# ---------------------------------------------------------------- JSON writer

function ConvertTo-AsciiJson {
  param($Document)
  # Windows PowerShell 5.1 adds a Count property to wrapped arrays, which ConvertTo-Json would serialise.
  if ($PSVersionTable.PSVersion.Major -lt 6) { Remove-TypeData -TypeName System.Array -ErrorAction SilentlyContinue }
  $json = ConvertTo-Json -InputObject $Document -Depth 100 -Compress
  $escape = [System.Text.RegularExpressions.MatchEvaluator] { param($m) '\u{0:x4}' -f [int][char]$m.Value }
  return [regex]::Replace($json, '[^\x00-\x7F]', $escape)
}

# ---------------------------------------------------------------- argument checks

function Get-Field {
  param($Op, [string]$Name)
  if (-not $Op.ContainsKey($Name)) { throw (Get-InvalidArgument "The op has no '$Name'.") }
  return , $Op[$Name]
}

function Get-StringField {
  param($Op, [string]$Name, [int]$MinLength = 0, [int]$MaxLength = 4000)
  $value = Get-Field $Op $Name
  if ($value -isnot [string]) { throw (Get-InvalidArgument "'$Name' must be a string.") }
  if ($value.Length -lt $MinLength -or $value.Length -gt $MaxLength) { throw (Get-InvalidArgument "'$Name' has a length out of range.") }
  return $value
}

function Get-IntegerField {
  param($Op, [string]$Name, [long]$Minimum, [long]$Maximum)
  $value = Get-Field $Op $Name
  if ($value -isnot [long] -or $value -lt $Minimum -or $value -gt $Maximum) {
    throw (Get-InvalidArgument "'$Name' must be a whole number from $Minimum to $Maximum.")
  }
  return $value
}

function Get-ChoiceField {
  param($Op, [string]$Name, [string[]]$Choices)
  $value = Get-StringField $Op $Name 1 300
  if ($Choices -cnotcontains $value) { throw (Get-InvalidArgument "'$Name' is not one of the allowed values.") }
  return $value
}

function Get-ArrayField {
  param($Op, [string]$Name, [int]$MaxCount)
  $value = Get-Field $Op $Name
  if ($value -isnot [object[]] -or $value.Length -gt $MaxCount) { throw (Get-InvalidArgument "'$Name' must be a list of at most $MaxCount items.") }
  return , $value
}

function Test-ValueName {
  param([string]$Name)
  return ($Name.Length -le 16383 -and $Name -notmatch '[\x00\r\n]')
}

function Test-KeyName {
  param([string]$Name)
  return ($Name.Length -ge 1 -and $Name.Length -le 255 -and $Name -notmatch '[\\\x00\r\n]' -and $Name -notmatch '^\.+$')
}

# ---------------------------------------------------------------- host names (same rules as shared/host-name.ts)

$script:Ipv4Pattern = '^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$'
$script:DnsLabelPattern = '^[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}-]{0,61}[\p{L}\p{N}\p{M}])?$'
$script:NetbiosPattern = '^[\p{L}\p{N}_](?:[\p{L}\p{N}\p{M}_-]{0,61}[\p{L}\p{N}\p{M}_])?$'

function Test-Ipv6Address {
  param([string]$Text)
  if ($Text -notmatch '^[0-9a-fA-F:.]+$' -or $Text.IndexOf(':') -lt 0) { return $false }
  $doubleColons = ($Text.Length - $Text.Replace('::', '').Length) / 2
  if ($doubleColons -gt 1) { return $false }
  $groups = @($Text.Split(':'))
  $ipv4Tail = 0
  $last = $groups[$groups.Length - 1]
  if ($last.Contains('.')) {
    if ($last -notmatch $script:Ipv4Pattern) { return $false }
    $groups = @($groups[0..($groups.Length - 2)])
    $ipv4Tail = 2
  }
  $filled = @($groups | Where-Object { $_ -ne '' })
  foreach ($group in $filled) { if ($group -notmatch '^[0-9a-fA-F]{1,4}$') { return $false } }
  $count = $filled.Length + $ipv4Tail
  if ($doubleColons -eq 1) { return ($count -lt 8) }
  return ($count -eq 8 -and $filled.Length -eq $groups.Length)
}

function Test-DnsName {
  param([string]$Name)
  if ($Name.Length -gt 253 -or $Name.StartsWith('.') -or $Name.EndsWith('.')) { return $false }
  $labels = $Name.Split('.')
  foreach ($label in $labels) {
    if ($label.Length -eq 0 -or $label.Length -gt 63) { return $false }
    $pattern = $script:DnsLabelPattern
    if ($labels.Length -eq 1) { $pattern = $script:NetbiosPattern }
    if ($label -notmatch $pattern) { return $false }
  }
  return ($Name -notmatch '^[0-9.]+$')
}

function Test-BareHostName {
  param([string]$Name)
  if ($Name -match $script:Ipv4Pattern) { return $true }
  if ($Name.Contains(':')) { return (Test-Ipv6Address $Name) }
  return (Test-DnsName $Name)
}

# host, host:port or [v6]:port, as shared/host-name.ts formats a target.
function Test-HostTarget {
  param([string]$Text)
  if ($Text.StartsWith('[')) {
    if ($Text -notmatch '^\[([^\]]+)\](?::([0-9]{1,5}))?$') { return $false }
    if (-not (Test-Ipv6Address $Matches[1])) { return $false }
    return ($Matches.Count -lt 3 -or ([int]$Matches[2] -ge 1 -and [int]$Matches[2] -le 65535))
  }
  $colons = $Text.Length - $Text.Replace(':', '').Length
  if ($colons -gt 1) { return (Test-Ipv6Address $Text) }
  if ($colons -eq 1) {
    $hostPart, $portPart = $Text.Split(':')
    if ($portPart -notmatch '^[0-9]{1,5}$' -or [int]$portPart -lt 1 -or [int]$portPart -gt 65535) { return $false }
    return (Test-BareHostName $hostPart)
  }
  return (Test-BareHostName $Text)
}

function Get-HostField {
  param($Op, [switch]$AllowPort)
  $name = Get-StringField $Op 'host' 1 255
  if ($name -match '[\p{Cc}\p{Cf}\s]') { throw (Get-InvalidArgument 'The host name contains spaces or control characters.') }
  $valid = $false
  if ($AllowPort) { $valid = Test-HostTarget $name } else { $valid = Test-BareHostName $name }
  if (-not $valid) { throw (Get-InvalidArgument 'The host is not a valid computer name or address.') }
  return $name
}

# ---------------------------------------------------------------- registry

function Resolve-RegistryTarget {
  param([string]$Path)
  if ($Path.Length -gt 1024 -or $Path -notmatch '^(HKCU|HKLM|HKEY_CURRENT_USER|HKEY_LOCAL_MACHINE)(\\[^\\\x00\r\n]+)+$') {
    throw (Get-InvalidArgument 'Not a registry key path.')
  }
  $parts = $Path.Split('\')
  $hive = 'HKLM'
  if ($parts[0] -eq 'HKCU' -or $parts[0] -eq 'HKEY_CURRENT_USER') { $hive = 'HKCU' }
  $segments = @($parts[1..($parts.Length - 1)])
  foreach ($segment in $segments) { if (-not (Test-KeyName $segment)) { throw (Get-InvalidArgument 'A registry key name in the path is not allowed.') } }
  $canonical = $hive + '\' + ($segments -join '\')
  $allowed = $false
  foreach ($root in $script:AllowedRegistryRoots) {
    if ([string]::Equals($canonical, $root, [StringComparison]::OrdinalIgnoreCase) -or
      $canonical.StartsWith($root + '\', [StringComparison]::OrdinalIgnoreCase)) { $allowed = $true }
  }
  if (-not $allowed) { throw (Get-InvalidArgument 'The registry path is outside the keys RDP Repair may touch.') }
  if ($script:Elevated -and $hive -eq 'HKCU') { throw (Get-InvalidArgument 'User registry keys are never changed from the elevated batch.') }
  $target = @{ Hive = $hive; SubKey = ($segments -join '\') }
  if ($null -ne $script:TestRoot) {
    # Contract tests: the same allow-list applies, but every key lives under a throwaway HKCU subtree.
    $target = @{ Hive = 'HKCU'; SubKey = ($script:TestRoot.Substring(5) + '\' + $canonical) }
  }
  return $target
}

function Get-RegistryBaseKey {
  param([string]$Hive)
  $hiveId = [Microsoft.Win32.RegistryHive]::LocalMachine
  if ($Hive -eq 'HKCU') { $hiveId = [Microsoft.Win32.RegistryHive]::CurrentUser }
  $view = [Microsoft.Win32.RegistryView]::Default
  if ([Environment]::Is64BitOperatingSystem) { $view = [Microsoft.Win32.RegistryView]::Registry64 }
  return [Microsoft.Win32.RegistryKey]::OpenBaseKey($hiveId, $view)
}

function Open-RegistryKey {
  param($Target, [bool]$Writable)
  $base = Get-RegistryBaseKey $Target.Hive
  try { return $base.OpenSubKey($Target.SubKey, $Writable) } finally { $base.Close() }
}

function ConvertFrom-RegistryData {
  param($Key, [string]$Name)
  $kind = $Key.GetValueKind($Name)
  $raw = $Key.GetValue($Name, $null, [Microsoft.Win32.RegistryValueOptions]::DoNotExpandEnvironmentNames)
  $value = [ordered]@{}
  switch ($kind.ToString()) {
    'String' { $value['type'] = 'REG_SZ'; $value['data'] = [string]$raw }
    'ExpandString' { $value['type'] = 'REG_EXPAND_SZ'; $value['data'] = [string]$raw }
    'MultiString' {
      $value['type'] = 'REG_MULTI_SZ'
      $items = New-Object 'System.Collections.Generic.List[object]'
      if ($null -ne $raw) { foreach ($item in $raw) { $items.Add([string]$item) } }
      $value['data'] = $items.ToArray()
    }
    'DWord' { $value['type'] = 'REG_DWORD'; $value['data'] = [long][BitConverter]::ToUInt32([BitConverter]::GetBytes([int]$raw), 0) }
    'QWord' {
      $value['type'] = 'REG_QWORD'
      $value['data'] = [BitConverter]::ToUInt64([BitConverter]::GetBytes([long]$raw), 0).ToString($script:Invariant)
    }
    'Binary' {
      $value['type'] = 'REG_BINARY'
      $hex = ''
      if ($null -ne $raw -and $raw.Length -gt 0) { $hex = ([BitConverter]::ToString($raw) -replace '-', '').ToLowerInvariant() }
      $value['data'] = $hex
    }
    default { throw (Get-TypedException 'unsupported' "The registry value '$Name' has a type RDP Repair does not handle ($kind).") }
  }
  return $value
}

# Checks a registry value object from the batch and returns what RegistryKey.SetValue needs.
function ConvertTo-RegistryData {
  param($Value)
  if ($Value -isnot [System.Collections.Generic.Dictionary[string, object]]) { throw (Get-InvalidArgument 'A registry value must be an object.') }
  $type = Get-ChoiceField $Value 'type' @('REG_SZ', 'REG_EXPAND_SZ', 'REG_MULTI_SZ', 'REG_DWORD', 'REG_QWORD', 'REG_BINARY')
  $data = Get-Field $Value 'data'
  switch ($type) {
    'REG_SZ' {
      if ($data -isnot [string]) { throw (Get-InvalidArgument 'REG_SZ data must be a string.') }
      return @{ Kind = [Microsoft.Win32.RegistryValueKind]::String; Data = $data }
    }
    'REG_EXPAND_SZ' {
      if ($data -isnot [string]) { throw (Get-InvalidArgument 'REG_EXPAND_SZ data must be a string.') }
      return @{ Kind = [Microsoft.Win32.RegistryValueKind]::ExpandString; Data = $data }
    }
    'REG_MULTI_SZ' {
      if ($data -isnot [object[]]) { throw (Get-InvalidArgument 'REG_MULTI_SZ data must be a list of strings.') }
      foreach ($item in $data) { if ($item -isnot [string]) { throw (Get-InvalidArgument 'REG_MULTI_SZ data must be a list of strings.') } }
      return @{ Kind = [Microsoft.Win32.RegistryValueKind]::MultiString; Data = [string[]]$data }
    }
    'REG_DWORD' {
      if ($data -isnot [long] -or $data -lt 0 -or $data -gt 4294967295) { throw (Get-InvalidArgument 'REG_DWORD data must be from 0 to 4294967295.') }
      return @{ Kind = [Microsoft.Win32.RegistryValueKind]::DWord; Data = [BitConverter]::ToInt32([BitConverter]::GetBytes([uint32]$data), 0) }
    }
    'REG_QWORD' {
      $number = [uint64]0
      if ($data -isnot [string] -or $data -notmatch '^[0-9]{1,20}$' -or -not [uint64]::TryParse($data, [Globalization.NumberStyles]::None, $script:Invariant, [ref]$number)) {
        throw (Get-InvalidArgument 'REG_QWORD data must be a decimal string of a 64-bit number.')
      }
      return @{ Kind = [Microsoft.Win32.RegistryValueKind]::QWord; Data = [BitConverter]::ToInt64([BitConverter]::GetBytes($number), 0) }
    }
    default {
      if ($data -isnot [string] -or $data -cnotmatch '^(?:[0-9a-f]{2})*$') { throw (Get-InvalidArgument 'REG_BINARY data must be lowercase hex.') }
      $bytes = New-Object byte[] ($data.Length / 2)
      for ($i = 0; $i -lt $bytes.Length; $i++) { $bytes[$i] = [Convert]::ToByte($data.Substring($i * 2, 2), 16) }
      return @{ Kind = [Microsoft.Win32.RegistryValueKind]::Binary; Data = $bytes }
    }
  }
}

function Read-RegistryTree {
  param($Key, [int]$Depth)
  if ($Depth -gt $script:MaxTreeDepth) { throw (Get-TypedException 'failed' 'The registry key is nested too deeply to read.') }
  $values = [ordered]@{}
  foreach ($name in $Key.GetValueNames()) { $values[$name] = ConvertFrom-RegistryData $Key $name }
  $subkeys = [ordered]@{}
  foreach ($name in $Key.GetSubKeyNames()) {
    $child = $Key.OpenSubKey($name, $false)
    if ($null -eq $child) { continue }
    try { $subkeys[$name] = Read-RegistryTree $child ($Depth + 1) } finally { $child.Close() }
  }
  return [ordered]@{ values = $values; subkeys = $subkeys }
}

# Checks a whole tree before anything is written, so a bad tree changes nothing.
function Assert-RegistryTree {
  param($Tree, [int]$Depth)
  if ($Depth -gt $script:MaxTreeDepth) { throw (Get-InvalidArgument 'The registry tree is nested too deeply.') }
  if ($Tree -isnot [System.Collections.Generic.Dictionary[string, object]]) { throw (Get-InvalidArgument 'A registry tree must be an object.') }
  $values = Get-Field $Tree 'values'
  $subkeys = Get-Field $Tree 'subkeys'
  if ($values -isnot [System.Collections.Generic.Dictionary[string, object]] -or $subkeys -isnot [System.Collections.Generic.Dictionary[string, object]]) {
    throw (Get-InvalidArgument 'A registry tree needs values and subkeys objects.')
  }
  foreach ($name in $values.Keys) {
    if (-not (Test-ValueName $name)) { throw (Get-InvalidArgument 'A registry value name in the tree is not allowed.') }
    $null = ConvertTo-RegistryData $values[$name]
  }
  foreach ($name in $subkeys.Keys) {
    if (-not (Test-KeyName $name)) { throw (Get-InvalidArgument 'A registry key name in the tree is not allowed.') }
    Assert-RegistryTree $subkeys[$name] ($Depth + 1)
  }
}

function Write-RegistryTree {
  param($Parent, [string]$SubKey, $Tree)
  $key = $Parent.CreateSubKey($SubKey)
  try {
    foreach ($name in $Tree['values'].Keys) {
      $data = ConvertTo-RegistryData $Tree['values'][$name]
      $key.SetValue($name, $data.Data, $data.Kind)
    }
    foreach ($name in $Tree['subkeys'].Keys) { Write-RegistryTree $key $name $Tree['subkeys'][$name] }
  } finally { $key.Close() }
}

function Invoke-OpRegistryReadValue {
  param($Op)
  $target = Resolve-RegistryTarget (Get-StringField $Op 'path' 1 1024)
  $name = Get-StringField $Op 'name' 0 16383
  if (-not (Test-ValueName $name)) { throw (Get-InvalidArgument 'Not a registry value name.') }
  $key = Open-RegistryKey $target $false
  $result = [ordered]@{ exists = $false }
  if ($null -ne $key) {
    try {
      if ($key.GetValueNames() -contains $name) { $result = [ordered]@{ exists = $true; value = (ConvertFrom-RegistryData $key $name) } }
    } finally { $key.Close() }
  }
  $script:OpValue = $result
}

function Invoke-OpRegistryReadKey {
  param($Op)
  $target = Resolve-RegistryTarget (Get-StringField $Op 'path' 1 1024)
  $key = Open-RegistryKey $target $false
  $result = [ordered]@{ exists = $false }
  if ($null -ne $key) {
    try { $result = [ordered]@{ exists = $true; tree = (Read-RegistryTree $key 0) } } finally { $key.Close() }
  }
  $script:OpValue = $result
}

function Invoke-OpRegistrySetValue {
  param($Op)
  $target = Resolve-RegistryTarget (Get-StringField $Op 'path' 1 1024)
  $name = Get-StringField $Op 'name' 0 16383
  if (-not (Test-ValueName $name)) { throw (Get-InvalidArgument 'Not a registry value name.') }
  $data = ConvertTo-RegistryData (Get-Field $Op 'value')
  $base = Get-RegistryBaseKey $target.Hive
  try {
    $key = $base.CreateSubKey($target.SubKey)
    try { $key.SetValue($name, $data.Data, $data.Kind) } finally { $key.Close() }
  } finally { $base.Close() }
  $script:OpValue = $null
}

function Invoke-OpRegistryDeleteValue {
  param($Op)
  $target = Resolve-RegistryTarget (Get-StringField $Op 'path' 1 1024)
  $name = Get-StringField $Op 'name' 0 16383
  if (-not (Test-ValueName $name)) { throw (Get-InvalidArgument 'Not a registry value name.') }
  $key = Open-RegistryKey $target $true
  if ($null -ne $key) {
    try { $key.DeleteValue($name, $false) } finally { $key.Close() }
  }
  $script:OpValue = $null
}

function Invoke-OpRegistryDeleteKey {
  param($Op)
  $target = Resolve-RegistryTarget (Get-StringField $Op 'path' 1 1024)
  $base = Get-RegistryBaseKey $target.Hive
  try { $base.DeleteSubKeyTree($target.SubKey, $false) } finally { $base.Close() }
  $script:OpValue = $null
}

function Invoke-OpRegistryWriteKey {
  param($Op)
  $target = Resolve-RegistryTarget (Get-StringField $Op 'path' 1 1024)
  $tree = Get-Field $Op 'tree'
  Assert-RegistryTree $tree 0
  $base = Get-RegistryBaseKey $target.Hive
  try {
    $base.DeleteSubKeyTree($target.SubKey, $false)
    Write-RegistryTree $base $target.SubKey $tree
  } finally { $base.Close() }
  $script:OpValue = $null
}

# ---------------------------------------------------------------- files (Documents only)

function Resolve-DocumentsFile {
  param($Op)
  if ($script:Elevated) { throw (Get-InvalidArgument 'Files in Documents are never changed from the elevated batch.') }
  $null = Get-ChoiceField $Op 'folder' @('documents')
  $name = Get-StringField $Op 'name' 1 255
  if ($name -match '[\\/:*?"<>|\x00-\x1f]' -or $name -match '^\.+$' -or $name -match '[. ]$' -or
    $name -match '^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\..*)?$') {
    throw (Get-InvalidArgument 'Not a plain file name.')
  }
  $folder = $script:DocumentsOverride
  if ($null -eq $folder) { $folder = [Environment]::GetFolderPath('MyDocuments') }
  if ([string]::IsNullOrEmpty($folder)) { throw (Get-TypedException 'failed' 'The Documents folder could not be found.') }
  $folder = [IO.Path]::GetFullPath($folder)
  $path = [IO.Path]::GetFullPath([IO.Path]::Combine($folder, $name))
  if (-not [string]::Equals([IO.Path]::GetDirectoryName($path), $folder.TrimEnd('\', '/'), [StringComparison]::OrdinalIgnoreCase)) {
    throw (Get-InvalidArgument 'The file is not directly inside Documents.')
  }
  return $path
}

function Get-FileAttributeField {
  param($Op)
  $names = Get-ArrayField $Op 'attributes' 4
  $flags = 0
  foreach ($name in $names) {
    if ($name -isnot [string] -or $script:FileAttributeNames -cnotcontains $name) { throw (Get-InvalidArgument 'Unknown file attribute.') }
    $flags = $flags -bor [int][IO.FileAttributes]$name
  }
  if ($flags -eq 0) { return [IO.FileAttributes]::Normal }
  return [IO.FileAttributes]$flags
}

function ConvertFrom-FileAttribute {
  param([IO.FileAttributes]$Flags)
  $names = New-Object 'System.Collections.Generic.List[object]'
  foreach ($name in $script:FileAttributeNames) {
    if (($Flags -band [IO.FileAttributes]$name) -ne 0) { $names.Add($name) }
  }
  return , ($names.ToArray())
}

function Invoke-OpFileRead {
  param($Op)
  $path = Resolve-DocumentsFile $Op
  # .NET sees hidden and system files directly; Get-Item would need -Force.
  if (-not [IO.File]::Exists($path)) { $script:OpValue = [ordered]@{ exists = $false }; return }
  $bytes = [IO.File]::ReadAllBytes($path)
  $script:OpValue = [ordered]@{
    exists = $true
    contentBase64 = [Convert]::ToBase64String($bytes)
    attributes = (ConvertFrom-FileAttribute ([IO.File]::GetAttributes($path)))
  }
}

function Invoke-OpFileWrite {
  param($Op)
  $path = Resolve-DocumentsFile $Op
  $content = Get-StringField $Op 'contentBase64' 0 100000000
  if ($content -notmatch '^[A-Za-z0-9+/]*={0,2}$') { throw (Get-InvalidArgument 'contentBase64 is not base64.') }
  $bytes = [Convert]::FromBase64String($content)
  $flags = Get-FileAttributeField $Op
  # A hidden or read-only file cannot be overwritten until its attributes are cleared.
  if ([IO.File]::Exists($path)) { [IO.File]::SetAttributes($path, [IO.FileAttributes]::Normal) }
  [IO.File]::WriteAllBytes($path, $bytes)
  [IO.File]::SetAttributes($path, $flags)
  $script:OpValue = $null
}

function Invoke-OpFileDelete {
  param($Op)
  $path = Resolve-DocumentsFile $Op
  if ([IO.File]::Exists($path)) {
    [IO.File]::SetAttributes($path, [IO.FileAttributes]::Normal)
    [IO.File]::Delete($path)
  }
  $script:OpValue = $null
}

function Invoke-OpFileSetAttribute {
  param($Op)
  $path = Resolve-DocumentsFile $Op
  $flags = Get-FileAttributeField $Op
  if (-not [IO.File]::Exists($path)) { throw (Get-TypedException 'not-found' 'The file does not exist.') }
  [IO.File]::SetAttributes($path, $flags)
  $script:OpValue = $null
}

# ---------------------------------------------------------------- saved credentials (Win32 API, not cmdkey)

$script:CredentialSource = @'
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace RdpRepair
{
    public static class CredentialStore
    {
        [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
        private struct Credential
        {
            public uint Flags;
            public uint Type;
            public IntPtr TargetName;
            public IntPtr Comment;
            public System.Runtime.InteropServices.ComTypes.FILETIME LastWritten;
            public uint CredentialBlobSize;
            public IntPtr CredentialBlob;
            public uint Persist;
            public uint AttributeCount;
            public IntPtr Attributes;
            public IntPtr TargetAlias;
            public IntPtr UserName;
        }

        [DllImport("advapi32.dll", EntryPoint = "CredEnumerateW", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern bool CredEnumerate(string filter, uint flags, out uint count, out IntPtr credentials);

        [DllImport("advapi32.dll", EntryPoint = "CredDeleteW", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern bool CredDelete(string target, uint type, uint flags);

        [DllImport("advapi32.dll")]
        private static extern void CredFree(IntPtr buffer);

        private const int ErrorNotFound = 1168;

        // Target, type and user name only: the password blob is never read.
        public static string[][] List(string filter)
        {
            uint count;
            IntPtr list;
            var result = new List<string[]>();
            if (!CredEnumerate(filter, 0, out count, out list))
            {
                int error = Marshal.GetLastWin32Error();
                if (error == ErrorNotFound) return result.ToArray();
                throw new System.ComponentModel.Win32Exception(error);
            }
            try
            {
                for (int i = 0; i < count; i++)
                {
                    IntPtr item = Marshal.ReadIntPtr(list, i * IntPtr.Size);
                    var credential = (Credential)Marshal.PtrToStructure(item, typeof(Credential));
                    result.Add(new[] {
                        Marshal.PtrToStringUni(credential.TargetName) ?? "",
                        credential.Type.ToString(),
                        Marshal.PtrToStringUni(credential.UserName) ?? ""
                    });
                }
            }
            finally
            {
                CredFree(list);
            }
            return result.ToArray();
        }

        // 0 when deleted or already absent, else the Win32 error.
        public static int Delete(string target, uint type)
        {
            if (CredDelete(target, type, 0)) return 0;
            int error = Marshal.GetLastWin32Error();
            return error == ErrorNotFound ? 0 : error;
        }
    }
}
'@

# Returns the compiled helper type; referenced through a variable because it exists only after Add-Type.
function Import-CredentialStore {
  if ($null -eq ('RdpRepair.CredentialStore' -as [type])) { Add-Type -TypeDefinition $script:CredentialSource -Language CSharp }
  return ('RdpRepair.CredentialStore' -as [type])
}

function Assert-UserScope {
  param([string]$What)
  if ($script:Elevated) { throw (Get-InvalidArgument "$What is never done from the elevated batch.") }
}

function Invoke-OpCredentialList {
  param($Op)
  Assert-UserScope 'Reading saved passwords'
  $null = Get-ChoiceField $Op 'targetPrefix' @('TERMSRV/')
  $store = Import-CredentialStore
  $credentials = New-Object 'System.Collections.Generic.List[object]'
  foreach ($entry in $store::List('TERMSRV/*')) {
    $type = $null
    if ($entry[1] -eq '1') { $type = 'Generic' } elseif ($entry[1] -eq '2') { $type = 'DomainPassword' }
    # The filter is a wildcard match; keep only true TERMSRV/ targets and the two types the app handles.
    if ($null -eq $type -or -not $entry[0].StartsWith('TERMSRV/', [StringComparison]::OrdinalIgnoreCase)) { continue }
    $credentials.Add([ordered]@{ target = $entry[0]; type = $type; user = $entry[2] })
  }
  $script:OpValue = $credentials.ToArray()
}

function Invoke-OpCredentialDelete {
  param($Op)
  Assert-UserScope 'Deleting saved passwords'
  $target = Get-StringField $Op 'target' 9 300
  if (-not $target.StartsWith('TERMSRV/', [StringComparison]::OrdinalIgnoreCase) -or $target -match '[\x00-\x1f]') {
    throw (Get-InvalidArgument 'Only saved Remote Desktop passwords (TERMSRV/...) can be deleted.')
  }
  $type = Get-ChoiceField $Op 'type' @('DomainPassword', 'Generic')
  $typeId = 1
  if ($type -eq 'DomainPassword') { $typeId = 2 }
  $store = Import-CredentialStore
  $errorCode = $store::Delete($target, [uint32]$typeId)
  if ($errorCode -eq 5) { throw (Get-TypedException 'access-denied' 'Windows refused to delete the saved password.') }
  if ($errorCode -ne 0) { throw (Get-TypedException 'failed' "Windows could not delete the saved password (error $errorCode).") }
  $script:OpValue = $null
}

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

# ---------------------------------------------------------------- services, policy

function Invoke-OpServiceStatus {
  param($Op)
  $name = Get-ChoiceField $Op 'name' $script:ServiceNames
  $service = Get-Service -Name $name -ErrorAction SilentlyContinue
  if ($null -eq $service) { $script:OpValue = [ordered]@{ exists = $false }; return }
  $status = $service.Status.ToString()
  if ($status -eq 'ContinuePending') { $status = 'StartPending' }
  if ($status -eq 'PausePending') { $status = 'StopPending' }
  $script:OpValue = [ordered]@{ exists = $true; status = $status }
}

function Invoke-OpServiceRestart {
  param($Op)
  $name = Get-ChoiceField $Op 'name' $script:ServiceNames
  $service = Get-Service -Name $name -ErrorAction SilentlyContinue
  if ($null -eq $service) { throw (Get-TypedException 'not-found' "The service $name does not exist.") }
  Restart-Service -Name $name -Force -ErrorAction Stop -WarningAction SilentlyContinue
  $service.WaitForStatus([System.ServiceProcess.ServiceControllerStatus]::Running, [TimeSpan]::FromSeconds(30))
  $script:OpValue = $null
}

function Invoke-OpPolicyRefresh {
  param($Op)
  $null = $Op
  $gpupdate = Join-Path ([Environment]::SystemDirectory) 'gpupdate.exe'
  # With 'Stop', Windows PowerShell 5.1 turns redirected native stderr into a terminating error.
  $ErrorActionPreference = 'Continue'
  # Its output is in the OEM code page and localised: capture it, judge only the exit code.
  $null = & $gpupdate '/target:computer' '/force' 2>&1
  if ($LASTEXITCODE -ne 0) { throw (Get-TypedException 'failed' "gpupdate ended with exit code $LASTEXITCODE.") }
  $script:OpValue = $null
}

# ---------------------------------------------------------------- network

function Resolve-HostAddress {
  param([string]$Name, [int]$TimeoutMs)
  $literal = $null
  if ([Net.IPAddress]::TryParse($Name, [ref]$literal)) { return , @($literal) }
  $task = [Net.Dns]::GetHostAddressesAsync($Name)
  try {
    if (-not $task.Wait($TimeoutMs)) { return , @() }
  } catch { return , @() }
  return , @($task.Result)
}

function Invoke-OpNetProbeTcp {
  param($Op)
  $name = Get-HostField $Op
  $port = [int](Get-IntegerField $Op 'port' 1 65535)
  $timeoutMs = [int](Get-IntegerField $Op 'timeoutMs' 100 30000)
  $addresses = Resolve-HostAddress $name $timeoutMs
  if ($addresses.Length -eq 0) { $script:OpValue = [ordered]@{ open = $false; error = 'unresolved' }; return }
  $address = $addresses[0]
  # Test-NetConnection has no timeout; a TcpClient with a bounded wait does.
  $client = New-Object Net.Sockets.TcpClient ($address.AddressFamily)
  $result = [ordered]@{ open = $false; address = $address.ToString(); error = 'timeout' }
  try {
    $task = $client.ConnectAsync($address, $port)
    if ($task.Wait($timeoutMs)) { $result = [ordered]@{ open = $true; address = $address.ToString() } }
  } catch {
    $socketError = $null
    $cursor = $_.Exception
    while ($null -ne $cursor) {
      if ($cursor -is [Net.Sockets.SocketException]) { $socketError = $cursor.SocketErrorCode.ToString(); break }
      $cursor = $cursor.InnerException
    }
    $result['error'] = 'unreachable'
    if ($socketError -eq 'ConnectionRefused') { $result['error'] = 'refused' }
    if ($socketError -eq 'TimedOut') { $result['error'] = 'timeout' }
  } finally { $client.Close() }
  $script:OpValue = $result
}

function Invoke-OpNetResolve {
  param($Op)
  $name = Get-HostField $Op
  $addresses = New-Object 'System.Collections.Generic.List[object]'
  foreach ($address in (Resolve-HostAddress $name 5000)) { $addresses.Add($address.ToString()) }
  $script:OpValue = [ordered]@{ addresses = $addresses.ToArray() }
}

function Invoke-OpNetAdapter {
  param($Op)
  $null = $Op
  $adapters = New-Object 'System.Collections.Generic.List[object]'
  $known = @('Up', 'Down', 'Disconnected', 'Disabled')
  foreach ($adapter in @(Get-NetAdapter -ErrorAction SilentlyContinue)) {
    $status = [string]$adapter.Status
    if ($status -eq 'Not Present') { $status = 'NotPresent' } elseif ($known -notcontains $status) { $status = 'Unknown' }
    $adapters.Add([ordered]@{ name = [string]$adapter.Name; description = [string]$adapter.InterfaceDescription; status = $status; kind = 'adapter' })
  }
  if ($null -ne (Get-Command -Name Get-VpnConnection -ErrorAction SilentlyContinue)) {
    foreach ($vpn in @(Get-VpnConnection -ErrorAction SilentlyContinue)) {
      $status = 'Unknown'
      if ([string]$vpn.ConnectionStatus -eq 'Connected') { $status = 'Up' } elseif ([string]$vpn.ConnectionStatus -eq 'Disconnected') { $status = 'Disconnected' }
      $adapters.Add([ordered]@{ name = [string]$vpn.Name; description = ('VPN profile (' + [string]$vpn.TunnelType + ')'); status = $status; kind = 'vpn-profile' })
    }
  }
  $script:OpValue = $adapters.ToArray()
}

function Invoke-OpSecurityProduct {
  param($Op)
  $null = $Op
  $products = New-Object 'System.Collections.Generic.List[object]'
  $classes = [ordered]@{ AntiVirusProduct = 'antivirus'; AntiSpywareProduct = 'antispyware'; FirewallProduct = 'firewall' }
  foreach ($class in $classes.Keys) {
    # Windows Server has no SecurityCenter2: no products is the honest answer there.
    $found = @()
    try { $found = @(Get-CimInstance -Namespace 'root/SecurityCenter2' -ClassName $class -ErrorAction Stop) } catch { $found = @() }
    foreach ($product in $found) {
      $state = 'unknown'
      $bits = ([long]$product.productState -shr 12) -band 0xF
      if ($bits -eq 1) { $state = 'on' } elseif ($bits -eq 0) { $state = 'off' } elseif ($bits -eq 2) { $state = 'snoozed' } elseif ($bits -eq 3) { $state = 'expired' }
      $products.Add([ordered]@{ name = [string]$product.displayName; kind = $classes[$class]; state = $state })
    }
  }
  $script:OpValue = $products.ToArray()
}

# ---------------------------------------------------------------- events

function Invoke-OpEventsQuery {
  param($Op)
  $channel = Get-ChoiceField $Op 'channel' $script:EventChannels
  $since = Get-StringField $Op 'since' 1 40
  if ($since -notmatch '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?Z$') { throw (Get-InvalidArgument "'since' must be an ISO time in UTC.") }
  $styles = [Globalization.DateTimeStyles]::AdjustToUniversal -bor [Globalization.DateTimeStyles]::AssumeUniversal
  $sinceTime = [DateTime]::Parse($since, $script:Invariant, $styles)
  $max = [int](Get-IntegerField $Op 'max' 1 1000)
  $conditions = New-Object 'System.Collections.Generic.List[string]'
  $conditions.Add("TimeCreated[@SystemTime>='" + (Format-UtcTime $sinceTime) + "']")
  # An XPath filter instead of -FilterHashtable: that one fails beyond 23 event ids.
  if ($Op.ContainsKey('ids')) {
    $ids = Get-ArrayField $Op 'ids' 50
    $terms = @()
    foreach ($id in $ids) {
      if ($id -isnot [long] -or $id -lt 0 -or $id -gt 65535) { throw (Get-InvalidArgument 'Event ids are numbers from 0 to 65535.') }
      $terms += ('EventID=' + $id)
    }
    if ($terms.Length -gt 0) { $conditions.Add('(' + ($terms -join ' or ') + ')') }
  }
  if ($Op.ContainsKey('providers')) {
    $providers = Get-ArrayField $Op 'providers' 20
    $terms = @()
    foreach ($provider in $providers) {
      if ($provider -isnot [string] -or $provider -notmatch '^[A-Za-z0-9 ._/-]{1,200}$') { throw (Get-InvalidArgument 'Not an event provider name.') }
      $terms += ("@Name='" + $provider + "'")
    }
    if ($terms.Length -gt 0) { $conditions.Add('Provider[' + ($terms -join ' or ') + ']') }
  }
  if ($Op.ContainsKey('levels')) {
    $levels = Get-ArrayField $Op 'levels' 4
    $terms = @()
    foreach ($level in $levels) {
      if ($level -isnot [string] -or -not $script:EventLevels.ContainsKey($level)) { throw (Get-InvalidArgument 'Unknown event level.') }
      $terms += ('Level=' + $script:EventLevels[$level])
      if ($level -eq 'Information') { $terms += 'Level=0' }
    }
    if ($terms.Length -gt 0) { $conditions.Add('(' + ($terms -join ' or ') + ')') }
  }
  $xpath = '*[System[' + ($conditions -join ' and ') + ']]'
  $found = @()
  try {
    $found = @(Get-WinEvent -LogName $channel -FilterXPath $xpath -MaxEvents $max -ErrorAction Stop)
  } catch {
    # Get-WinEvent throws when nothing matches or the log does not exist: both mean "no events".
    $id = [string]$_.FullyQualifiedErrorId
    if (-not ($id.StartsWith('NoMatchingEventsFound') -or $id.StartsWith('NoMatchingLogsFound'))) { throw }
  }
  $levelNames = @{ 0 = 'Information'; 1 = 'Critical'; 2 = 'Error'; 3 = 'Warning'; 4 = 'Information'; 5 = 'Verbose' }
  $events = New-Object 'System.Collections.Generic.List[object]'
  foreach ($record in $found) {
    $entry = [ordered]@{ channel = [string]$record.LogName; id = [int]$record.Id; time = (Format-UtcTime $record.TimeCreated) }
    if ($null -ne $record.Level -and $levelNames.ContainsKey([int]$record.Level)) { $entry['level'] = $levelNames[[int]$record.Level] }
    if ($null -ne $record.ProviderName) { $entry['provider'] = [string]$record.ProviderName }
    $message = $null
    try { $message = $record.FormatDescription() } catch { $message = $null }
    if ($null -ne $message) {
      if ($message.Length -gt 2000) { $message = $message.Substring(0, 2000) }
      $entry['message'] = $message
    }
    $data = [ordered]@{}
    $xml = New-Object System.Xml.XmlDocument
    $xml.LoadXml($record.ToXml())
    $index = 0
    foreach ($node in $xml.GetElementsByTagName('Data')) {
      $key = $node.GetAttribute('Name')
      if ([string]::IsNullOrEmpty($key)) { $key = [string]$index }
      $data[$key] = [string]$node.InnerText
      $index++
    }
    $entry['data'] = $data
    $events.Add($entry)
  }
  $script:OpValue = $events.ToArray()
}

# ---------------------------------------------------------------- app and system

function Invoke-OpAppLaunchMstsc {
  param($Op)
  Assert-UserScope 'Starting Remote Desktop Connection'
  $target = Get-HostField $Op -AllowPort
  if ($target -notmatch '^\[' -and ($target.Length - $target.Replace(':', '').Length) -gt 1) { $target = '[' + $target + ']' }
  $mstsc = Join-Path ([Environment]::SystemDirectory) 'mstsc.exe'
  # The target passed the host-name rules (no spaces or quotes), so it is one plain argument.
  $null = Start-Process -FilePath $mstsc -ArgumentList ('/v:' + $target)
  $script:OpValue = $null
}

function Invoke-OpSystemRestorePoint {
  param($Op)
  $description = Get-StringField $Op 'description' 1 200
  if ($description -match '[\x00-\x1f]') { throw (Get-InvalidArgument 'The description has control characters.') }
  # Checkpoint-Computer does not exist in PowerShell 7; the WMI class does, in both.
  $before = @(Get-CimInstance -Namespace 'root/default' -ClassName SystemRestore -ErrorAction SilentlyContinue | ForEach-Object { [long]$_.SequenceNumber })
  $arguments = @{ Description = $description; RestorePointType = [uint32]12; EventType = [uint32]100 }
  $answer = Invoke-CimMethod -Namespace 'root/default' -ClassName SystemRestore -MethodName CreateRestorePoint -Arguments $arguments -ErrorAction Stop
  if ([long]$answer.ReturnValue -ne 0) {
    throw (Get-TypedException 'unsupported' ('Windows did not create a restore point (code ' + $answer.ReturnValue + '); System Protection may be off.'))
  }
  $after = @(Get-CimInstance -Namespace 'root/default' -ClassName SystemRestore -ErrorAction SilentlyContinue | ForEach-Object { [long]$_.SequenceNumber })
  $newest = ($after | Measure-Object -Maximum).Maximum
  $previous = ($before | Measure-Object -Maximum).Maximum
  if ($after.Length -eq 0 -or ($before.Length -gt 0 -and $newest -le $previous)) {
    throw (Get-TypedException 'unsupported' 'Windows made no new restore point: it creates at most one every 24 hours.')
  }
  $script:OpValue = [ordered]@{ created = $true }
}

function Invoke-OpSystemFact {
  param($Op)
  $null = $Op
  $version = [Environment]::OSVersion.Version
  $build = '{0}.{1}.{2}' -f $version.Major, $version.Minor, $version.Build
  $edition = $null
  $os = Get-CimInstance -ClassName Win32_OperatingSystem -ErrorAction SilentlyContinue
  if ($null -ne $os) {
    $edition = [string]$os.Caption
    if ([string]$os.Version -match '^[0-9]+\.[0-9]+\.[0-9]+$') { $build = [string]$os.Version }
  }
  if ([string]::IsNullOrEmpty($edition)) { $edition = 'Windows' }
  $identity = [Security.Principal.WindowsIdentity]::GetCurrent()
  $principal = New-Object Security.Principal.WindowsPrincipal ($identity)
  $documents = $script:DocumentsOverride
  if ($null -eq $documents) { $documents = [Environment]::GetFolderPath('MyDocuments') }
  $script:OpValue = [ordered]@{
    build = $build
    edition = $edition
    elevated = $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
    user = [string]$identity.Name
    documentsFolder = [string]$documents
    powershellVersion = $PSVersionTable.PSVersion.ToString()
  }
}

# ---------------------------------------------------------------- dispatch

$script:OpHandlers = New-Object 'System.Collections.Generic.Dictionary[string,string]' ([StringComparer]::Ordinal)
$script:OpHandlers['registry.readValue'] = 'Invoke-OpRegistryReadValue'
$script:OpHandlers['registry.readKey'] = 'Invoke-OpRegistryReadKey'
$script:OpHandlers['registry.setValue'] = 'Invoke-OpRegistrySetValue'
$script:OpHandlers['registry.deleteValue'] = 'Invoke-OpRegistryDeleteValue'
$script:OpHandlers['registry.deleteKey'] = 'Invoke-OpRegistryDeleteKey'
$script:OpHandlers['registry.writeKey'] = 'Invoke-OpRegistryWriteKey'
$script:OpHandlers['file.read'] = 'Invoke-OpFileRead'
$script:OpHandlers['file.write'] = 'Invoke-OpFileWrite'
$script:OpHandlers['file.delete'] = 'Invoke-OpFileDelete'
$script:OpHandlers['file.setAttributes'] = 'Invoke-OpFileSetAttribute'
$script:OpHandlers['credential.list'] = 'Invoke-OpCredentialList'
$script:OpHandlers['credential.delete'] = 'Invoke-OpCredentialDelete'
$script:OpHandlers['certificate.list'] = 'Invoke-OpCertificateList'
$script:OpHandlers['certificate.remove'] = 'Invoke-OpCertificateRemove'
$script:OpHandlers['service.status'] = 'Invoke-OpServiceStatus'
$script:OpHandlers['service.restart'] = 'Invoke-OpServiceRestart'
$script:OpHandlers['policy.refresh'] = 'Invoke-OpPolicyRefresh'
$script:OpHandlers['net.probeTcp'] = 'Invoke-OpNetProbeTcp'
$script:OpHandlers['net.resolve'] = 'Invoke-OpNetResolve'
$script:OpHandlers['net.adapters'] = 'Invoke-OpNetAdapter'
$script:OpHandlers['security.products'] = 'Invoke-OpSecurityProduct'
$script:OpHandlers['events.query'] = 'Invoke-OpEventsQuery'
$script:OpHandlers['app.launchMstsc'] = 'Invoke-OpAppLaunchMstsc'
$script:OpHandlers['system.restorePoint'] = 'Invoke-OpSystemRestorePoint'
$script:OpHandlers['system.facts'] = 'Invoke-OpSystemFact'

function Invoke-Op {
  param($Op)
  if ($Op -isnot [System.Collections.Generic.Dictionary[string, object]]) { throw (Get-InvalidArgument 'An op must be an object.') }
  $name = $Op['op']
  if ($name -isnot [string] -or -not $script:OpHandlers.ContainsKey($name)) { throw (Get-InvalidArgument 'Unknown op.') }
  $script:OpValue = $null
  # Handlers hand back their value in $script:OpValue, so nothing stray on their pipeline reaches the JSON.
  $null = & $script:OpHandlers[$name] $Op
  $result = [ordered]@{}
  $result['ok'] = $true
  $result['value'] = $script:OpValue
  return $result
}

function Invoke-RdpRepairBatch {
  <#
    .SYNOPSIS
    Runs one batch of RDP Repair ops and returns one JSON document of results.
    .PARAMETER EncodedBatch
    Base64 of the UTF-8 JSON batch { ops, mode, elevated }.
    .PARAMETER TestRegistryRoot
    Contract tests only: a key under HKCU\Software\RdpRepairContractTest that holds every registry key the batch names.
    .PARAMETER DocumentsFolder
    Contract tests only: a folder used instead of the user's Documents.
  #>
  [CmdletBinding()]
  [OutputType([string])]
  param(
    [Parameter(Mandatory = $true)][string]$EncodedBatch,
    [string]$TestRegistryRoot,
    [string]$DocumentsFolder
  )
  $ErrorActionPreference = 'Stop'
  # Progress records would reach redirected stdout as CLIXML and break the single JSON document.
  $ProgressPreference = 'SilentlyContinue'
  $document = [ordered]@{ protocol = 1 }
  try {
    $script:TestRoot = $null
    $script:DocumentsOverride = $null
    if ($PSBoundParameters.ContainsKey('TestRegistryRoot')) {
      if ($TestRegistryRoot -notmatch $script:TestRegistryRootPattern) { throw (Get-InvalidArgument 'The test registry root must be under HKCU\Software\RdpRepairContractTest.') }
      $script:TestRoot = $TestRegistryRoot
    }
    if ($PSBoundParameters.ContainsKey('DocumentsFolder')) { $script:DocumentsOverride = $DocumentsFolder }
    if ($EncodedBatch -notmatch '^[A-Za-z0-9+/]*={0,2}$') { throw (Get-InvalidArgument 'The batch is not base64.') }
    $text = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($EncodedBatch))
    $batch = ConvertFrom-BatchJson $text
    if ($batch -isnot [System.Collections.Generic.Dictionary[string, object]]) { throw (Get-InvalidArgument 'The batch must be an object.') }
    $mode = Get-ChoiceField $batch 'mode' @('read', 'write')
    $script:Elevated = $false
    if ($batch.ContainsKey('elevated')) {
      if ($batch['elevated'] -isnot [bool]) { throw (Get-InvalidArgument "'elevated' must be true or false.") }
      $script:Elevated = $batch['elevated']
    }
    $ops = Get-ArrayField $batch 'ops' 2000
  } catch {
    $document['error'] = (ConvertTo-OpError $_)['error']
    return (ConvertTo-AsciiJson $document)
  }
  $results = New-Object 'System.Collections.Generic.List[object]'
  $stopped = $false
  foreach ($op in $ops) {
    if ($stopped) {
      $results.Add([ordered]@{ ok = $false; error = [ordered]@{ code = 'skipped'; message = 'Not run: an earlier change in this batch failed.' } })
      continue
    }
    try {
      $results.Add((Invoke-Op $op))
    } catch {
      $results.Add((ConvertTo-OpError $_))
      if ($mode -eq 'write') { $stopped = $true }
    }
  }
  $document['results'] = $results.ToArray()
  return (ConvertTo-AsciiJson $document)
}

Export-ModuleMember -Function Invoke-RdpRepairBatch
