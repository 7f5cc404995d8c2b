# ---------------------------------------------------------------- saved credentials (Win32 API, not cmdkey)

# The Credential Manager helper (helpers/CredentialStore.cs); referenced through a variable because it exists
# only once Import-HelperType has loaded it.
function Import-CredentialStore {
  return (Import-HelperType 'RdpRepair.CredentialStore')
}

function Assert-UserScope {
  param([string]$What)
  if ($script:Elevated) { throw (Get-InvalidArgument "$What is never done from the elevated batch.") }
}

function Invoke-OpCredentialList {
  param($Op)
  Assert-UserScope 'Reading saved passwords'
  $prefix = Get-ChoiceField $Op 'targetPrefix' @($script:CredentialTargetPrefix)
  $store = Import-CredentialStore
  $credentials = New-Object 'System.Collections.Generic.List[object]'
  foreach ($entry in $store::List($prefix + '*')) {
    $type = $null
    if ($entry[1] -eq '1') { $type = 'Generic' } elseif ($entry[1] -eq '2') { $type = 'DomainPassword' }
    # The filter is a wildcard match; keep only true TERMSRV/ targets and the two types the app handles.
    if ($null -eq $type -or -not $entry[0].StartsWith($prefix, [StringComparison]::OrdinalIgnoreCase)) { continue }
    $credentials.Add([ordered]@{ target = $entry[0]; type = $type; user = $entry[2] })
  }
  $script:OpValue = $credentials.ToArray()
}

function Get-CredentialTargetField {
  param($Op)
  $target = Get-StringField $Op 'target' 9 300
  if (-not $target.StartsWith($script:CredentialTargetPrefix, [StringComparison]::OrdinalIgnoreCase) -or $target -match '[\x00-\x1f*]') {
    throw (Get-InvalidArgument 'Only the saved password of one Remote Desktop computer (TERMSRV/<name>) can be backed up or restored.')
  }
  return $target
}

function Invoke-OpCredentialRead {
  param($Op)
  Assert-UserScope 'Reading a saved password'
  $target = Get-CredentialTargetField $Op
  $null = Get-ChoiceField $Op 'type' @('Generic')
  $entry = (Import-CredentialStore)::ReadGeneric($target)
  if ($null -eq $entry) { $script:OpValue = [ordered]@{ exists = $false }; return }
  $script:OpValue = [ordered]@{ exists = $true; user = $entry[0]; persist = [long]$entry[1]; protectedSecretBase64 = $entry[2] }
}

function Invoke-OpCredentialWrite {
  param($Op)
  Assert-UserScope 'Restoring a saved password'
  $target = Get-CredentialTargetField $Op
  $null = Get-ChoiceField $Op 'type' @('Generic')
  $user = Get-StringField $Op 'user' 0 512
  $persist = Get-IntegerField $Op 'persist' 1 3
  $blob = Get-StringField $Op 'protectedSecretBase64' 0 20000
  if ($blob -notmatch '^[A-Za-z0-9+/]*={0,2}$') { throw (Get-InvalidArgument 'protectedSecretBase64 is not base64.') }
  (Import-CredentialStore)::WriteGeneric($target, $user, [uint32]$persist, $blob)
  $script:OpValue = $null
}

function Invoke-OpCredentialDelete {
  param($Op)
  Assert-UserScope 'Deleting saved passwords'
  $target = Get-StringField $Op 'target' 9 300
  if (-not $target.StartsWith($script:CredentialTargetPrefix, [StringComparison]::OrdinalIgnoreCase) -or $target -match '[\x00-\x1f]') {
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

