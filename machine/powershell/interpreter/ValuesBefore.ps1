# ---------------------------------------------------------------- values before (guarded elevated writes)

<#
  A value the elevated batch may change (elevatedWrites.registryValues) is guarded by a record of what it was
  before RDP Repair last changed it, kept here, by the elevated side, under elevatedWrites.valuesBeforeKey:
  HKLM\SOFTWARE inherits an ACL that lets only administrators and SYSTEM write. From the elevated batch such a
  value goes only to its fixValue (what it was is recorded first), back to exactly the recorded value (the
  record then goes, with its keys once empty), or to what it already is. A journal a user-level process
  rewrote can ask for the fix or the true undo, nothing else. shared/values-before.ts is the same rule for the
  simulated machine; the contract table keeps the two equal.
#>

function Get-ValueStateText {
  param($Value)
  if ($null -eq $Value) { return '{"exists":false}' }
  $type = [string]$Value['type']
  $shape = [ordered]@{ type = $type }
  if ($type -eq 'REG_OTHER') { $shape['valueType'] = [long]$Value['valueType'] }
  switch ($type) {
    'REG_DWORD' { $shape['data'] = [long]$Value['data'] }
    'REG_MULTI_SZ' { $shape['data'] = [string[]]@($Value['data']) }
    default { $shape['data'] = [string]$Value['data'] }
  }
  return (ConvertTo-AsciiJson ([ordered]@{ exists = $true; value = $shape }))
}

# The record key as Resolve-RegistryTarget would map it (contract tests keep it under their HKCU subtree).
function Get-ValuesBeforeTarget {
  param([int]$Up = 0)
  $canonical = [string]$script:ElevatedWrites['valuesBeforeKey']
  for ($i = 0; $i -lt $Up; $i++) { $canonical = $canonical.Substring(0, $canonical.LastIndexOf('\')) }
  $target = @{ Hive = 'HKLM'; SubKey = $canonical.Substring(5); Canonical = $canonical }
  if ($null -ne $script:TestRoot) {
    $target = @{ Hive = 'HKCU'; SubKey = ($script:TestRoot.Substring(5) + '\' + $canonical); Canonical = $canonical }
  }
  return $target
}

function Read-CurrentRegistryValue {
  param($Target, [string]$Name)
  $key = Open-RegistryKey $Target $false
  if ($null -eq $key) { return $null }
  try {
    if ($key.GetValueNames() -contains $Name) { return (ConvertFrom-RegistryData $key $Name) }
    return $null
  } finally { $key.Close() }
}

<#
  Before an elevated set or delete of a guarded value: throws invalid-argument when the change is neither the
  fix, nor the recorded value, nor no change; records the value before for the fix. Returns the record's name
  when the change puts the recorded value back (Complete-GuardedValueChange then drops it), else $null.
#>
function Enter-GuardedValueChange {
  param($Target, [string]$Name, $Wanted)
  if (-not $script:Elevated) { return $null }
  $entry = Get-ElevatedValueEntry $Target.Canonical $Name
  if ($null -eq $entry) { return $null }
  $recordName = [string]$entry['path'] + '\' + [string]$entry['name']
  $wantedText = Get-ValueStateText $Wanted
  $currentText = Get-ValueStateText (Read-CurrentRegistryValue $Target $Name)
  if ($wantedText -ceq $currentText) { return $null }
  $record = Get-ValuesBeforeTarget
  if ($null -ne $Wanted -and $wantedText -ceq (Get-ValueStateText $entry['fixValue'])) {
    $base = Get-RegistryBaseKey $record.Hive
    try {
      $key = $base.CreateSubKey($record.SubKey)
      try { $key.SetValue($recordName, $currentText, [Microsoft.Win32.RegistryValueKind]::String) } finally { $key.Close() }
    } finally { $base.Close() }
    return $null
  }
  $recorded = Read-CurrentRegistryValue $record $recordName
  if ($null -ne $recorded -and $recorded['type'] -eq 'REG_SZ' -and $wantedText -ceq [string]$recorded['data']) { return $recordName }
  throw (Get-InvalidArgument 'A machine-wide value goes back only to what it was before RDP Repair changed it.')
}

function Remove-EmptyRegistryKey {
  param($Target)
  $key = Open-RegistryKey $Target $false
  if ($null -eq $key) { return }
  $empty = $false
  try { $empty = ($key.ValueCount -eq 0 -and $key.SubKeyCount -eq 0) } finally { $key.Close() }
  if (-not $empty) { return }
  $base = Get-RegistryBaseKey $Target.Hive
  try { $base.DeleteSubKey($Target.SubKey, $false) } finally { $base.Close() }
}

# After the recorded value was put back: the record goes, and its keys once they are empty.
function Complete-GuardedValueChange {
  param([string]$RecordName)
  if ([string]::IsNullOrEmpty($RecordName)) { return }
  $record = Get-ValuesBeforeTarget
  $key = Open-RegistryKey $record $true
  if ($null -ne $key) {
    try { $key.DeleteValue($RecordName, $false) } finally { $key.Close() }
  }
  Remove-EmptyRegistryKey $record
  Remove-EmptyRegistryKey (Get-ValuesBeforeTarget -Up 1)
}

<#
  A service's state (service.setState) is guarded the same way, under the same key (shared/values-before.ts,
  guardedServiceChange): from the elevated batch a service of elevatedWrites.serviceStates goes only toward
  working (running, with its fixStartType or the start type it has when that is not Disabled; what it was is
  recorded first), back to exactly the recorded state (the record then goes), or nowhere. A start type Windows
  will not tell cannot be recorded, so it is refused. Returns the record's name for the undo, else $null.
#>
function Get-ServiceStateText {
  param([string]$StartType, [bool]$Running)
  return (ConvertTo-AsciiJson ([ordered]@{ startType = $StartType; running = $Running }))
}

function Enter-GuardedServiceChange {
  param($Service, [string]$Name, [string]$StartType, [bool]$Running)
  $entry = $null
  foreach ($candidate in $script:ElevatedWrites['serviceStates']) { if ([string]$candidate['name'] -ceq $Name) { $entry = $candidate } }
  $refusal = 'A service goes back only to the state it had before RDP Repair changed it.'
  $currentType = Get-ServiceStartType $Service
  if ($null -eq $entry -or $null -eq $currentType) { throw (Get-InvalidArgument $refusal) }
  $currentRunning = $Service.Status -eq [System.ServiceProcess.ServiceControllerStatus]::Running
  $wantedText = Get-ServiceStateText $StartType $Running
  $currentText = Get-ServiceStateText $currentType $currentRunning
  if ($wantedText -ceq $currentText) { return $null }
  $recordName = 'service:' + $Name
  $record = Get-ValuesBeforeTarget
  $towardWorking = $Running -and $StartType -cne 'Disabled' -and
    ($StartType -ceq [string]$entry['fixStartType'] -or $StartType -ceq $currentType)
  if ($towardWorking) {
    $base = Get-RegistryBaseKey $record.Hive
    try {
      $key = $base.CreateSubKey($record.SubKey)
      try { $key.SetValue($recordName, $currentText, [Microsoft.Win32.RegistryValueKind]::String) } finally { $key.Close() }
    } finally { $base.Close() }
    return $null
  }
  $recorded = Read-CurrentRegistryValue $record $recordName
  if ($null -ne $recorded -and $recorded['type'] -eq 'REG_SZ' -and $wantedText -ceq [string]$recorded['data']) { return $recordName }
  throw (Get-InvalidArgument $refusal)
}
