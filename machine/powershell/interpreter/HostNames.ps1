# ---------------------------------------------------------------- host names (same rules as shared/host-name.ts)
# Not yet here: its look-alike rule (Latin mixed with Cyrillic or Greek) and its xn-- (punycode) check; the hostile
# corpus lists the inputs they decide (test/hostile/host-names.pwsh.test.ts).

$script:Ipv4Pattern = '^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$'
# Decimal digits only (a circled or superscript digit is no digit to DNS); no hyphen or underscore at either end.
$script:DnsLabelPattern = '^[\p{L}\p{Nd}](?:[\p{L}\p{Nd}\p{M}-]{0,61}[\p{L}\p{Nd}\p{M}])?$'
$script:NetbiosPattern = '^[\p{L}\p{Nd}](?:[\p{L}\p{Nd}\p{M}_-]{0,61}[\p{L}\p{Nd}\p{M}])?$'
# Modifier letters that read as punctuation (a colon, a quote): letters to Unicode, not in a computer name.
$script:PunctuationLookalikePattern = '[\u02B0-\u02FF\uA788-\uA78A]'

function Test-Ipv6Address {
  param([string]$Text)
  if ($Text -notmatch '^[0-9a-fA-F:.]+$' -or $Text.IndexOf(':') -lt 0) { return $false }
  if ($Text.Contains(':::') -or $Text -match '^:[^:]' -or $Text -match '[^:]:$') { return $false }
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

# An IPv6 address with an optional Windows zone id (the interface number, fe80::1%12), only on a link-local address.
function Test-Ipv6Host {
  param([string]$Text)
  $parts = $Text.Split('%')
  if ($parts.Length -gt 2 -or -not (Test-Ipv6Address $parts[0])) { return $false }
  if ($parts.Length -eq 1) { return $true }
  return ($parts[0] -match '^fe[89ab][0-9a-f]?:' -and $parts[1] -match '^[1-9][0-9]{0,9}$')
}

function Test-DnsLabel {
  param([string]$Label, [string]$Pattern)
  if ($Label.Length -eq 0 -or $Label.Length -gt 63 -or $Label -notmatch $Pattern) { return $false }
  if ($Label -match $script:PunctuationLookalikePattern) { return $false }
  # Compatibility characters (full-width letters, ligatures) read as other, ordinary ones.
  if ($Label.Normalize([Text.NormalizationForm]::FormKC) -cne $Label.Normalize([Text.NormalizationForm]::FormC)) { return $false }
  # Digits of two number systems in one label look alike.
  return -not ($Label -match '[0-9]' -and $Label -match '[\p{Nd}-[0-9]]')
}

function Test-DnsName {
  param([string]$Name)
  if ($Name.Length -gt 253 -or $Name.StartsWith('.') -or $Name.EndsWith('.')) { return $false }
  $labels = $Name.Split('.')
  $pattern = $script:DnsLabelPattern
  if ($labels.Length -eq 1) { $pattern = $script:NetbiosPattern }
  foreach ($label in $labels) { if (-not (Test-DnsLabel $label $pattern)) { return $false } }
  # A name whose last part is only digits is neither an IPv4 address nor a name.
  return ($Name -notmatch '^[0-9.]+$' -and $labels[$labels.Length - 1] -notmatch '^[0-9]+$')
}

function Test-BareHostName {
  param([string]$Name)
  if ($Name -match $script:Ipv4Pattern) { return $true }
  if ($Name.Contains(':')) { return (Test-Ipv6Host $Name) }
  return (Test-DnsName $Name)
}

# host, host:port or [v6]:port, as shared/host-name.ts formats a target.
function Test-HostTarget {
  param([string]$Text)
  if ($Text.StartsWith('[')) {
    if ($Text -notmatch '^\[([^\]]+)\](?::([1-9][0-9]{0,4}))?$') { return $false }
    if (-not (Test-Ipv6Host $Matches[1])) { return $false }
    return ($Matches.Count -lt 3 -or ([int]$Matches[2] -ge 1 -and [int]$Matches[2] -le 65535))
  }
  $colons = $Text.Length - $Text.Replace(':', '').Length
  if ($colons -gt 1) { return (Test-Ipv6Host $Text) }
  if ($colons -eq 1) {
    $hostPart, $portPart = $Text.Split(':')
    if ($portPart -notmatch '^[1-9][0-9]{0,4}$' -or [int]$portPart -lt 1 -or [int]$portPart -gt 65535) { return $false }
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

