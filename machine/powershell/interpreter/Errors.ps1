# ---------------------------------------------------------------- errors

function Get-TypedException {
  param([string]$Code, [string]$Message)
  $exception = New-Object System.Exception $Message
  $exception.Data['RdpRepairCode'] = $Code
  return $exception
}

<#
  A cmdlet this PowerShell does not have (Get-WinEvent, Get-NetAdapter, Get-Service... outside Windows) is
  searched for again at every call: every module on PSModulePath, then every folder on PATH, 20-40 ms each time,
  and a scan calls them about twenty times. After the first miss, an alias of that name in this module (aliases
  are found first; Set-Alias is in Microsoft.PowerShell.Utility, loaded already, where Set-Item would load
  another module) runs Invoke-MissingCommand, which throws that same error record again: same message, same
  error id, no search. Only cmdlet-shaped names, never a program path (gpupdate.exe); on Windows these cmdlets
  exist, so nothing is remembered there. The alias stays inside the module: it is not exported.
#>
$script:MissingCommands = @{}

function Invoke-MissingCommand {
  throw $script:MissingCommands[$MyInvocation.InvocationName]
}

function Register-MissingCommand {
  param($ErrorRecord)
  if ($ErrorRecord.Exception -isnot [System.Management.Automation.CommandNotFoundException]) { return }
  $name = [string]$ErrorRecord.Exception.CommandName
  if ($name -cnotmatch '^[A-Z][a-z]+-[A-Za-z]+$' -or $script:MissingCommands.ContainsKey($name)) { return }
  $script:MissingCommands[$name] = $ErrorRecord
  Set-Alias -Name $name -Value Invoke-MissingCommand -Scope Script
}

function ConvertTo-OpError {
  param($ErrorRecord)
  Register-MissingCommand $ErrorRecord
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

