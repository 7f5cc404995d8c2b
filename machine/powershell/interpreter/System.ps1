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
  Assert-MachineWideBatch
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
  $documents = $script:DocumentsOverride
  if ($null -eq $documents) { $documents = [Environment]::GetFolderPath('MyDocuments') }
  $script:OpValue = [ordered]@{
    build = $build
    edition = $edition
    elevated = (Test-ProcessIsAdministrator)
    user = [string]$identity.Name
    documentsFolder = [string]$documents
    powershellVersion = $PSVersionTable.PSVersion.ToString()
  }
}

