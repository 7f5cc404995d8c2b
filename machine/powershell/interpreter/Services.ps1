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

