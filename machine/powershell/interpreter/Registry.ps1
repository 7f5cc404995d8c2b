# ---------------------------------------------------------------- registry

function Test-UnderRegistryRoot {
  param([string]$Canonical, [string[]]$Roots)
  foreach ($root in $Roots) {
    if ([string]::Equals($Canonical, $root, [StringComparison]::OrdinalIgnoreCase) -or
      $Canonical.StartsWith($root + '\', [StringComparison]::OrdinalIgnoreCase)) { return $true }
  }
  return $false
}

# -Write: the op changes the key, which a read-only root (shared/machine-allow-list.json) refuses.
function Resolve-RegistryTarget {
  param([string]$Path, [switch]$Write)
  if ($Path.Length -gt 1024 -or $Path -notmatch '^(HKCU|HKLM|HKEY_CURRENT_USER|HKEY_LOCAL_MACHINE)(\\[^\\\x00\r\n]+)+$') {
    throw (Get-InvalidArgument 'Not a registry key path.')
  }
  $parts = $Path.Split('\')
  $hive = 'HKLM'
  if ($parts[0] -eq 'HKCU' -or $parts[0] -eq 'HKEY_CURRENT_USER') { $hive = 'HKCU' }
  $segments = @($parts[1..($parts.Length - 1)])
  foreach ($segment in $segments) { if (-not (Test-KeyName $segment)) { throw (Get-InvalidArgument 'A registry key name in the path is not allowed.') } }
  $canonical = $hive + '\' + ($segments -join '\')
  $writable = Test-UnderRegistryRoot $canonical $script:AllowedRegistryRoots
  if (-not ($writable -or (Test-UnderRegistryRoot $canonical $script:ReadOnlyRegistryRoots))) {
    throw (Get-InvalidArgument 'The registry path is outside the keys RDP Repair may touch.')
  }
  if ($Write -and -not $writable) { throw (Get-InvalidArgument 'The registry path may be read but never changed by RDP Repair.') }
  if ($script:Elevated -and $hive -eq 'HKCU') { throw (Get-InvalidArgument 'User registry keys are never changed from the elevated batch.') }
  if ($Write -and $hive -eq 'HKLM') { Assert-MachineWideBatch }
  $target = @{ Hive = $hive; SubKey = ($segments -join '\'); Canonical = $canonical }
  if ($null -ne $script:TestRoot) {
    # Contract tests: the same allow-list applies, but every key lives under a throwaway HKCU subtree.
    $target = @{ Hive = 'HKCU'; SubKey = ($script:TestRoot.Substring(5) + '\' + $canonical); Canonical = $canonical }
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
    default {
      # REG_NONE, REG_DWORD_BIG_ENDIAN, REG_LINK, resource lists, a program's own type numbers: kept as the
      # type number and raw bytes, so a backup of the key restores them exactly.
      $raw = (Import-RawRegistry)::Read($Key, $Name)
      $value['type'] = 'REG_OTHER'
      $value['valueType'] = [long]$raw.Type
      $hex = ''
      if ($raw.Data.Length -gt 0) { $hex = ([BitConverter]::ToString($raw.Data) -replace '-', '').ToLowerInvariant() }
      $value['data'] = $hex
    }
  }
  return $value
}

# The raw registry helper (helpers/RawRegistry.cs); referenced through a variable because it exists only once
# Import-HelperType has loaded it.
function Import-RawRegistry {
  return (Import-HelperType 'RdpRepair.RawRegistry')
}

function ConvertFrom-HexString {
  param([string]$Hex)
  $bytes = New-Object byte[] ($Hex.Length / 2)
  for ($i = 0; $i -lt $bytes.Length; $i++) { $bytes[$i] = [Convert]::ToByte($Hex.Substring($i * 2, 2), 16) }
  return , $bytes
}

# Writes what ConvertTo-RegistryData returned: through RegistryKey for the named types, raw for the rest.
function Set-RegistryData {
  param($Key, [string]$Name, $Data)
  if ($Data.ContainsKey('RawType')) { (Import-RawRegistry)::Write($Key, $Name, [uint32]$Data.RawType, [byte[]]$Data.Data); return }
  $Key.SetValue($Name, $Data.Data, $Data.Kind)
}

# Checks a registry value object from the batch and returns what RegistryKey.SetValue needs.
function ConvertTo-RegistryData {
  param($Value)
  if ($Value -isnot [System.Collections.Generic.Dictionary[string, object]]) { throw (Get-InvalidArgument 'A registry value must be an object.') }
  $type = Get-ChoiceField $Value 'type' @('REG_SZ', 'REG_EXPAND_SZ', 'REG_MULTI_SZ', 'REG_DWORD', 'REG_QWORD', 'REG_BINARY', 'REG_OTHER')
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
    'REG_OTHER' {
      if ($data -isnot [string] -or $data -cnotmatch '^(?:[0-9a-f]{2})*$') { throw (Get-InvalidArgument 'REG_OTHER data must be lowercase hex.') }
      $valueType = Get-IntegerField $Value 'valueType' 0 4294967295
      if (@(1, 2, 3, 4, 7, 11) -contains $valueType) { throw (Get-InvalidArgument 'A named registry type is not REG_OTHER.') }
      return @{ RawType = $valueType; Data = (ConvertFrom-HexString $data) }
    }
    default {
      if ($data -isnot [string] -or $data -cnotmatch '^(?:[0-9a-f]{2})*$') { throw (Get-InvalidArgument 'REG_BINARY data must be lowercase hex.') }
      return @{ Kind = [Microsoft.Win32.RegistryValueKind]::Binary; Data = (ConvertFrom-HexString $data) }
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
      Set-RegistryData $key $name (ConvertTo-RegistryData $Tree['values'][$name])
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
  $target = Resolve-RegistryTarget (Get-StringField $Op 'path' 1 1024) -Write
  $name = Get-StringField $Op 'name' 0 16383
  if (-not (Test-ValueName $name)) { throw (Get-InvalidArgument 'Not a registry value name.') }
  Assert-ElevatedWrite 'registry.setValue' -Canonical $target.Canonical -Name $name
  $value = Get-Field $Op 'value'
  $data = ConvertTo-RegistryData $value
  $putBack = Enter-GuardedValueChange $target $name $value
  $base = Get-RegistryBaseKey $target.Hive
  try {
    $key = $base.CreateSubKey($target.SubKey)
    try { Set-RegistryData $key $name $data } finally { $key.Close() }
  } finally { $base.Close() }
  Complete-GuardedValueChange $putBack
  $script:OpValue = $null
}

function Invoke-OpRegistryDeleteValue {
  param($Op)
  $target = Resolve-RegistryTarget (Get-StringField $Op 'path' 1 1024) -Write
  $name = Get-StringField $Op 'name' 0 16383
  if (-not (Test-ValueName $name)) { throw (Get-InvalidArgument 'Not a registry value name.') }
  Assert-ElevatedWrite 'registry.deleteValue' -Canonical $target.Canonical -Name $name
  $putBack = Enter-GuardedValueChange $target $name $null
  $key = Open-RegistryKey $target $true
  if ($null -ne $key) {
    try { $key.DeleteValue($name, $false) } finally { $key.Close() }
  }
  Complete-GuardedValueChange $putBack
  $script:OpValue = $null
}

function Invoke-OpRegistryDeleteKey {
  param($Op)
  $target = Resolve-RegistryTarget (Get-StringField $Op 'path' 1 1024) -Write
  Assert-ElevatedWrite 'registry.deleteKey' -Canonical $target.Canonical
  $base = Get-RegistryBaseKey $target.Hive
  try { $base.DeleteSubKeyTree($target.SubKey, $false) } finally { $base.Close() }
  $script:OpValue = $null
}

function Invoke-OpRegistryDeleteEmptyKey {
  param($Op)
  $target = Resolve-RegistryTarget (Get-StringField $Op 'path' 1 1024) -Write
  Assert-ElevatedWrite 'registry.deleteEmptyKey' -Canonical $target.Canonical
  $key = Open-RegistryKey $target $false
  if ($null -eq $key) { $script:OpValue = $null; return }
  $empty = $false
  try { $empty = ($key.ValueCount -eq 0 -and $key.SubKeyCount -eq 0) } finally { $key.Close() }
  if ($empty) {
    $base = Get-RegistryBaseKey $target.Hive
    # DeleteSubKey (not ...Tree) refuses a key that gained a subkey in between, instead of deleting it.
    try { $base.DeleteSubKey($target.SubKey, $false) } finally { $base.Close() }
  }
  $script:OpValue = $null
}

function Invoke-OpRegistryWriteKey {
  param($Op)
  $target = Resolve-RegistryTarget (Get-StringField $Op 'path' 1 1024) -Write
  Assert-ElevatedWrite 'registry.writeKey' -Canonical $target.Canonical
  $tree = Get-Field $Op 'tree'
  Assert-RegistryTree $tree 0
  $base = Get-RegistryBaseKey $target.Hive
  try {
    $base.DeleteSubKeyTree($target.SubKey, $false)
    Write-RegistryTree $base $target.SubKey $tree
  } finally { $base.Close() }
  $script:OpValue = $null
}

