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
  # Left out when Windows will not say (the configuration could not be queried): unknown, never Disabled.
  $startType = Get-ServiceStartType $service
  if ($null -ne $startType) { $script:OpValue['startType'] = $startType }
}

function Get-ServiceStartType {
  param($Service)
  try { return $Service.StartType.ToString() } catch { return $null }
}

<#
  service.setState: the guard (Enter-GuardedServiceChange, ValuesBefore.ps1) first, then the change in the order
  Windows allows: a disabled service cannot start, so running sets the start type first; stopping comes before
  the start type goes back. -Force stops the services that depend on it too: they cannot run without it, and
  when it was stopped before the fix they were stopped with it.
#>
function Invoke-OpServiceSetState {
  param($Op)
  $name = Get-ChoiceField $Op 'name' $script:ServiceNames
  $startType = Get-ChoiceField $Op 'startType' @('Automatic', 'Manual', 'Disabled')
  $running = Get-Field $Op 'running'
  if ($running -isnot [bool]) { throw (Get-InvalidArgument "'running' must be true or false.") }
  Assert-MachineWideBatch
  Assert-ElevatedWrite 'service.setState' -Service $name
  $service = Get-Service -Name $name -ErrorAction SilentlyContinue
  if ($null -eq $service) { throw (Get-TypedException 'not-found' "The service $name does not exist.") }
  $recordName = Enter-GuardedServiceChange $service $name $startType $running
  $timeout = [TimeSpan]::FromSeconds(30)
  if ($running) {
    Set-Service -Name $name -StartupType $startType -ErrorAction Stop
    if ($service.Status -ne [System.ServiceProcess.ServiceControllerStatus]::Running) {
      Start-Service -Name $name -ErrorAction Stop -WarningAction SilentlyContinue
      $service.WaitForStatus([System.ServiceProcess.ServiceControllerStatus]::Running, $timeout)
    }
  } else {
    if ($service.Status -ne [System.ServiceProcess.ServiceControllerStatus]::Stopped) {
      Stop-Service -Name $name -Force -ErrorAction Stop -WarningAction SilentlyContinue
      $service.WaitForStatus([System.ServiceProcess.ServiceControllerStatus]::Stopped, $timeout)
    }
    Set-Service -Name $name -StartupType $startType -ErrorAction Stop
  }
  Complete-GuardedValueChange $recordName
  $script:OpValue = $null
}

function Invoke-OpServiceRestart {
  param($Op)
  $name = Get-ChoiceField $Op 'name' $script:ServiceNames
  Assert-MachineWideBatch
  Assert-ElevatedWrite 'service.restart' -Service $name
  $service = Get-Service -Name $name -ErrorAction SilentlyContinue
  if ($null -eq $service) { throw (Get-TypedException 'not-found' "The service $name does not exist.") }
  Restart-Service -Name $name -Force -ErrorAction Stop -WarningAction SilentlyContinue
  $service.WaitForStatus([System.ServiceProcess.ServiceControllerStatus]::Running, [TimeSpan]::FromSeconds(30))
  $script:OpValue = $null
}

<#
  gpupdate /force asks "OK to log off? (Y/N)" or to restart when a policy needs it, and waits on the console for
  the answer: in the app's PowerShell that console input is the session's own command stream. /wait:0 returns as
  soon as processing has started (no prompt comes after), and nothing is piped in, so it can never wait on input.
#>
$script:PolicyRefreshArguments = @('/target:computer', '/force', '/wait:0')

function Invoke-OpPolicyRefresh {
  param($Op)
  $null = $Op
  Assert-MachineWideBatch
  $gpupdate = Join-Path ([Environment]::SystemDirectory) 'gpupdate.exe'
  # With 'Stop', Windows PowerShell 5.1 turns redirected native stderr into a terminating error.
  $ErrorActionPreference = 'Continue'
  # Its output is in the OEM code page and localised: capture it, judge only the exit code.
  $null = $null | & $gpupdate @script:PolicyRefreshArguments 2>&1
  if ($LASTEXITCODE -ne 0) { throw (Get-TypedException 'failed' "gpupdate ended with exit code $LASTEXITCODE.") }
  $script:OpValue = $null
}

