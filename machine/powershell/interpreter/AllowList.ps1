# ---------------------------------------------------------------- allow-list (shared/machine-allow-list.json)

# $script:AllowListJson is the allow-list file's text, embedded by the build (interpreter-build.ts), so the
# module's SHA-256 covers it and nothing on disk can widen it. The simulated machine reads the same file.
$script:AllowList = ConvertFrom-BatchJson $script:AllowListJson
$script:AllowedRegistryRoots = [string[]]$script:AllowList['registryKeys']
$script:ReadOnlyRegistryRoots = [string[]]$script:AllowList['readOnlyRegistryKeys']
$script:CertificateStores = [string[]]$script:AllowList['certificateStores']
$script:ServiceNames = [string[]]$script:AllowList['services']
$script:EventChannels = [string[]]$script:AllowList['eventChannels']
$script:FileFolders = [string[]]$script:AllowList['fileFolders']
$script:CredentialTargetPrefix = [string]$script:AllowList['credentialTargetPrefix']
$script:ElevatedWrites = $script:AllowList['elevatedWrites']

# The value the elevated batch may change at this key ($Canonical, as Resolve-RegistryTarget spells it) and name.
function Get-ElevatedValueEntry {
  param([string]$Canonical, [string]$Name)
  foreach ($entry in $script:ElevatedWrites['registryValues']) {
    if ([string]::Equals([string]$entry['path'], $Canonical, [StringComparison]::OrdinalIgnoreCase) -and
      [string]::Equals([string]$entry['name'], $Name, [StringComparison]::OrdinalIgnoreCase)) { return $entry }
  }
  return $null
}

<#
  A machine-wide change (HKLM, a LocalMachine certificate store, a service, policy, a restore point) is made
  only from the elevated batch, where Assert-ElevatedWrite and the record of the value before apply. Without
  this, a process started with an administrator's token would let any batch, an undo rebuilt from a journal a
  same-user process rewrote included, write machine-wide policy: the token, not the batch, would decide.
  shared/machine-allow-list.ts (elevatedWriteRefusal) is the same rule for the simulated machine.
#>
function Assert-MachineWideBatch {
  if (-not $script:Elevated) { throw (Get-InvalidArgument 'A machine-wide change is made only from the elevated batch.') }
}

<#
  The elevated batch changes exactly what the machine-wide templates need (elevatedWrites), nothing else the
  wider allow-list permits: a forged batch cannot reach another policy value, key, store or service. $Canonical
  is the key path as Resolve-RegistryTarget spells it (HKLM\...), before any test-root mapping.
#>
function Assert-ElevatedWrite {
  param([string]$Op, [string]$Canonical = '', [string]$Name = '', [string]$Store = '', [string]$Service = '')
  if (-not $script:Elevated) { return }
  $allowed = $false
  switch ($Op) {
    { $_ -eq 'registry.setValue' -or $_ -eq 'registry.deleteValue' } { $allowed = $null -ne (Get-ElevatedValueEntry $Canonical $Name) }
    'registry.deleteEmptyKey' {
      foreach ($key in $script:ElevatedWrites['emptyKeys']) {
        if ([string]::Equals([string]$key, $Canonical, [StringComparison]::OrdinalIgnoreCase)) { $allowed = $true }
      }
    }
    'certificate.remove' { $allowed = @($script:ElevatedWrites['certificateStores']) -ccontains $Store }
    'service.restart' { $allowed = @($script:ElevatedWrites['services']) -ccontains $Service }
    'service.setState' {
      foreach ($entry in $script:ElevatedWrites['serviceStates']) { if ([string]$entry['name'] -ceq $Service) { $allowed = $true } }
    }
  }
  if (-not $allowed) { throw (Get-InvalidArgument "The elevated batch changes only what RDP Repair's machine-wide fixes need.") }
}
