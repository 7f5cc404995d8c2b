# ---------------------------------------------------------------- dispatch

$script:OpHandlers = New-Object 'System.Collections.Generic.Dictionary[string,string]' ([StringComparer]::Ordinal)
$script:OpHandlers['registry.readValue'] = 'Invoke-OpRegistryReadValue'
$script:OpHandlers['registry.readKey'] = 'Invoke-OpRegistryReadKey'
$script:OpHandlers['registry.setValue'] = 'Invoke-OpRegistrySetValue'
$script:OpHandlers['registry.deleteValue'] = 'Invoke-OpRegistryDeleteValue'
$script:OpHandlers['registry.deleteKey'] = 'Invoke-OpRegistryDeleteKey'
$script:OpHandlers['registry.deleteEmptyKey'] = 'Invoke-OpRegistryDeleteEmptyKey'
$script:OpHandlers['registry.writeKey'] = 'Invoke-OpRegistryWriteKey'
$script:OpHandlers['file.read'] = 'Invoke-OpFileRead'
$script:OpHandlers['file.write'] = 'Invoke-OpFileWrite'
$script:OpHandlers['file.delete'] = 'Invoke-OpFileDelete'
$script:OpHandlers['file.setAttributes'] = 'Invoke-OpFileSetAttribute'
$script:OpHandlers['credential.list'] = 'Invoke-OpCredentialList'
$script:OpHandlers['credential.delete'] = 'Invoke-OpCredentialDelete'
$script:OpHandlers['credential.read'] = 'Invoke-OpCredentialRead'
$script:OpHandlers['credential.write'] = 'Invoke-OpCredentialWrite'
$script:OpHandlers['certificate.list'] = 'Invoke-OpCertificateList'
$script:OpHandlers['certificate.remove'] = 'Invoke-OpCertificateRemove'
$script:OpHandlers['service.status'] = 'Invoke-OpServiceStatus'
$script:OpHandlers['service.restart'] = 'Invoke-OpServiceRestart'
$script:OpHandlers['service.setState'] = 'Invoke-OpServiceSetState'
$script:OpHandlers['policy.refresh'] = 'Invoke-OpPolicyRefresh'
$script:OpHandlers['net.probeTcp'] = 'Invoke-OpNetProbeTcp'
$script:OpHandlers['net.resolve'] = 'Invoke-OpNetResolve'
$script:OpHandlers['net.adapters'] = 'Invoke-OpNetAdapter'
$script:OpHandlers['net.listeners'] = 'Invoke-OpNetListener'
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
