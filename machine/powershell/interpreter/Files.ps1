# ---------------------------------------------------------------- files (Documents only)

function Resolve-DocumentsFile {
  param($Op)
  if ($script:Elevated) { throw (Get-InvalidArgument 'Files in Documents are never changed from the elevated batch.') }
  $null = Get-ChoiceField $Op 'folder' $script:FileFolders
  $name = Get-StringField $Op 'name' 1 255
  if ($name -match '[\\/:*?"<>|\x00-\x1f]' -or $name -match '^\.+$' -or $name -match '[. ]$' -or
    $name -match '^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\..*)?$') {
    throw (Get-InvalidArgument 'Not a plain file name.')
  }
  $folder = $script:DocumentsOverride
  if ($null -eq $folder) { $folder = [Environment]::GetFolderPath('MyDocuments') }
  if ([string]::IsNullOrEmpty($folder)) { throw (Get-TypedException 'failed' 'The Documents folder could not be found.') }
  $folder = [IO.Path]::GetFullPath($folder)
  $path = [IO.Path]::GetFullPath([IO.Path]::Combine($folder, $name))
  # The folder as GetDirectoryName spells it: 'D:\' stays 'D:\' (a Documents folder at a drive root), 'C:\Docs\' is 'C:\Docs'.
  $expected = [IO.Path]::GetDirectoryName([IO.Path]::Combine($folder, 'probe'))
  if (-not [string]::Equals([IO.Path]::GetDirectoryName($path), $expected, [StringComparison]::OrdinalIgnoreCase)) {
    throw (Get-InvalidArgument 'The file is not directly inside Documents.')
  }
  return $path
}

function Get-FileAttributeField {
  param($Op)
  $names = Get-ArrayField $Op 'attributes' 4
  $flags = 0
  foreach ($name in $names) {
    if ($name -isnot [string] -or $script:FileAttributeNames -cnotcontains $name) { throw (Get-InvalidArgument 'Unknown file attribute.') }
    $flags = $flags -bor [int][IO.FileAttributes]$name
  }
  if ($flags -eq 0) { return [IO.FileAttributes]::Normal }
  return [IO.FileAttributes]$flags
}

function ConvertFrom-FileAttribute {
  param([IO.FileAttributes]$Flags)
  $names = New-Object 'System.Collections.Generic.List[object]'
  foreach ($name in $script:FileAttributeNames) {
    if (($Flags -band [IO.FileAttributes]$name) -ne 0) { $names.Add($name) }
  }
  return , ($names.ToArray())
}

function Invoke-OpFileRead {
  param($Op)
  $path = Resolve-DocumentsFile $Op
  # .NET sees hidden and system files directly; Get-Item would need -Force.
  if (-not [IO.File]::Exists($path)) { $script:OpValue = [ordered]@{ exists = $false }; return }
  $bytes = [IO.File]::ReadAllBytes($path)
  $script:OpValue = [ordered]@{
    exists = $true
    contentBase64 = [Convert]::ToBase64String($bytes)
    attributes = (ConvertFrom-FileAttribute ([IO.File]::GetAttributes($path)))
  }
}

function Invoke-OpFileWrite {
  param($Op)
  $path = Resolve-DocumentsFile $Op
  $content = Get-StringField $Op 'contentBase64' 0 100000000
  if ($content -notmatch '^[A-Za-z0-9+/]*={0,2}$') { throw (Get-InvalidArgument 'contentBase64 is not base64.') }
  $bytes = [Convert]::FromBase64String($content)
  $flags = Get-FileAttributeField $Op
  # A hidden or read-only file cannot be overwritten until its attributes are cleared.
  if ([IO.File]::Exists($path)) { [IO.File]::SetAttributes($path, [IO.FileAttributes]::Normal) }
  [IO.File]::WriteAllBytes($path, $bytes)
  [IO.File]::SetAttributes($path, $flags)
  $script:OpValue = $null
}

function Invoke-OpFileDelete {
  param($Op)
  $path = Resolve-DocumentsFile $Op
  if ([IO.File]::Exists($path)) {
    [IO.File]::SetAttributes($path, [IO.FileAttributes]::Normal)
    [IO.File]::Delete($path)
  }
  $script:OpValue = $null
}

function Invoke-OpFileSetAttribute {
  param($Op)
  $path = Resolve-DocumentsFile $Op
  $flags = Get-FileAttributeField $Op
  if (-not [IO.File]::Exists($path)) { throw (Get-TypedException 'not-found' 'The file does not exist.') }
  [IO.File]::SetAttributes($path, $flags)
  $script:OpValue = $null
}

