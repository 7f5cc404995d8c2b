# ---------------------------------------------------------------- host names (same rules as shared/host-name.ts)

$script:Ipv4Pattern = '^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$'
$script:DnsLabelPattern = '^[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}-]{0,61}[\p{L}\p{N}\p{M}])?$'
$script:NetbiosPattern = '^[\p{L}\p{N}_](?:[\p{L}\p{N}\p{M}_-]{0,61}[\p{L}\p{N}\p{M}_])?$'

function Test-Ipv6Address {
  param([string]$Text)
  if ($Text -notmatch '^[0-9a-fA-F:.]+$' -or $Text.IndexOf(':') -lt 0) { return $false }
  $doubleColons = ($Text.Length - $Text.Replace('::', '').Length) / 2
  if ($doubleColons -gt 1) { return $false }
  $groups = @($Text.Split(':'))
  $ipv4Tail = 0
  $last = $groups[$groups.Length - 1]
  if ($last.Contains('.')) {
    if ($last -notmatch $script:Ipv4Pattern) { return $false }
    $groups = @($groups[0..($groups.Length - 2)])
    $ipv4Tail = 2
  }
  $filled = @($groups | Where-Object { $_ -ne '' })
  foreach ($group in $filled) { if ($group -notmatch '^[0-9a-fA-F]{1,4}$') { return $false } }
  $count = $filled.Length + $ipv4Tail
  if ($doubleColons -eq 1) { return ($count -lt 8) }
  return ($count -eq 8 -and $filled.Length -eq $groups.Length)
}

function Test-DnsName {
  param([string]$Name)
  if ($Name.Length -gt 253 -or $Name.StartsWith('.') -or $Name.EndsWith('.')) { return $false }
  $labels = $Name.Split('.')
  foreach ($label in $labels) {
    if ($label.Length -eq 0 -or $label.Length -gt 63) { return $false }
    $pattern = $script:DnsLabelPattern
    if ($labels.Length -eq 1) { $pattern = $script:NetbiosPattern }
    if ($label -notmatch $pattern) { return $false }
  }
  return ($Name -notmatch '^[0-9.]+$')
}

function Test-BareHostName {
  param([string]$Name)
  if ($Name -match $script:Ipv4Pattern) { return $true }
  if ($Name.Contains(':')) { return (Test-Ipv6Address $Name) }
  return (Test-DnsName $Name)
}

# host, host:port or [v6]:port, as shared/host-name.ts formats a target.
function Test-HostTarget {
  param([string]$Text)
  if ($Text.StartsWith('[')) {
    if ($Text -notmatch '^\[([^\]]+)\](?::([0-9]{1,5}))?$') { return $false }
    if (-not (Test-Ipv6Address $Matches[1])) { return $false }
    return ($Matches.Count -lt 3 -or ([int]$Matches[2] -ge 1 -and [int]$Matches[2] -le 65535))
  }
  $colons = $Text.Length - $Text.Replace(':', '').Length
  if ($colons -gt 1) { return (Test-Ipv6Address $Text) }
  if ($colons -eq 1) {
    $hostPart, $portPart = $Text.Split(':')
    if ($portPart -notmatch '^[0-9]{1,5}$' -or [int]$portPart -lt 1 -or [int]$portPart -gt 65535) { return $false }
    return (Test-BareHostName $hostPart)
  }
  return (Test-BareHostName $Text)
}

function Get-HostField {
  param($Op, [switch]$AllowPort)
  $name = Get-StringField $Op 'host' 1 255
  if ($name -match '[\p{Cc}\p{Cf}\s]') { throw (Get-InvalidArgument 'The host name contains spaces or control characters.') }
  $valid = $false
  if ($AllowPort) { $valid = Test-HostTarget $name } else { $valid = Test-BareHostName $name }
  if (-not $valid) { throw (Get-InvalidArgument 'The host is not a valid computer name or address.') }
  return $name
}

