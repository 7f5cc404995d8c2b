# ---------------------------------------------------------------- argument checks

function Get-Field {
  param($Op, [string]$Name)
  if (-not $Op.ContainsKey($Name)) { throw (Get-InvalidArgument "The op has no '$Name'.") }
  return , $Op[$Name]
}

function Get-StringField {
  param($Op, [string]$Name, [int]$MinLength = 0, [int]$MaxLength = 4000)
  $value = Get-Field $Op $Name
  if ($value -isnot [string]) { throw (Get-InvalidArgument "'$Name' must be a string.") }
  if ($value.Length -lt $MinLength -or $value.Length -gt $MaxLength) { throw (Get-InvalidArgument "'$Name' has a length out of range.") }
  return $value
}

function Get-IntegerField {
  param($Op, [string]$Name, [long]$Minimum, [long]$Maximum)
  $value = Get-Field $Op $Name
  if ($value -isnot [long] -or $value -lt $Minimum -or $value -gt $Maximum) {
    throw (Get-InvalidArgument "'$Name' must be a whole number from $Minimum to $Maximum.")
  }
  return $value
}

function Get-ChoiceField {
  param($Op, [string]$Name, [string[]]$Choices)
  $value = Get-StringField $Op $Name 1 300
  if ($Choices -cnotcontains $value) { throw (Get-InvalidArgument "'$Name' is not one of the allowed values.") }
  return $value
}

function Get-ArrayField {
  param($Op, [string]$Name, [int]$MaxCount)
  $value = Get-Field $Op $Name
  if ($value -isnot [object[]] -or $value.Length -gt $MaxCount) { throw (Get-InvalidArgument "'$Name' must be a list of at most $MaxCount items.") }
  return , $value
}

function Test-ValueName {
  param([string]$Name)
  return ($Name.Length -le 16383 -and $Name -notmatch '[\x00\r\n]')
}

function Test-KeyName {
  param([string]$Name)
  return ($Name.Length -ge 1 -and $Name.Length -le 255 -and $Name -notmatch '[\\\x00\r\n]' -and $Name -notmatch '^\.+$')
}

