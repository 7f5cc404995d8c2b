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

