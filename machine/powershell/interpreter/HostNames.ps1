# ---------------------------------------------------------------- host names (same rules as shared/host-name.ts)
# The hostile corpus runs through both and they must agree on every input (test/hostile/host-names.pwsh.test.ts).

$script:Ipv4Pattern = '^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$'
# Decimal digits only (a circled or superscript digit is no digit to DNS); no hyphen or underscore at either end.
$script:DnsLabelPattern = '^[\p{L}\p{Nd}](?:[\p{L}\p{Nd}\p{M}-]{0,61}[\p{L}\p{Nd}\p{M}])?$'
$script:NetbiosPattern = '^[\p{L}\p{Nd}](?:[\p{L}\p{Nd}\p{M}_-]{0,61}[\p{L}\p{Nd}\p{M}])?$'
# Modifier letters that read as punctuation (a colon, a quote): letters to Unicode, not in a computer name.
$script:PunctuationLookalikePattern = '[\u02B0-\u02FF\uA788-\uA78A]'
# The letters of three scripts, by their Unicode blocks (.NET has no \p{Script=...}).
$script:LatinPattern = '[A-Za-z\u00AA\u00BA\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02AF\u1D00-\u1D25\u1E00-\u1EFF\u2C60-\u2C7F\uA720-\uA7FF\uAB30-\uAB64]'
$script:CyrillicPattern = '[\u0400-\u052F\u1C80-\u1C8F\u2DE0-\u2DFF\uA640-\uA69F]'
$script:GreekPattern = '[\u0370-\u0373\u0375-\u0377\u037A-\u037D\u037F\u0384\u0386\u0388-\u038A\u038C\u038E-\u03A1\u03A3-\u03E1\u03F0-\u03FF\u1D26-\u1D2A\u1F00-\u1FFE]'
# Cyrillic and Greek letters that render like Latin ones (the validator's sets): a label of only these looks Latin.
$script:CyrillicLookalikePattern = '^[\u0430\u0435\u043E\u0440\u0441\u0443\u0445\u0456\u0458\u0455\u04BB\u04CF\u0501\u051B\u051D\u044C\u043F\u0433\u0475\u0461\u04BD\u0410\u0412\u0415\u0405\u0406\u0408\u041A\u041C\u041D\u041E\u0420\u0421\u0422\u0425\u0423]$'
$script:GreekLookalikePattern = '^[\u03B1\u03BF\u03B9\u03BA\u03BD\u03C1\u03C4\u03C5\u03C7\u0391\u0392\u0395\u0396\u0397\u0399\u039A\u039C\u039D\u039F\u03A1\u03A4\u03A5\u03A7]$'

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

# The label in Unicode: an xn-- label decoded, $null unless it is the canonical punycode of a non-ASCII label.
function Get-UnicodeLabel {
  param([string]$Label)
  if ($Label -notmatch '^xn--') { return $Label.Normalize([Text.NormalizationForm]::FormC) }
  $encoded = $Label.Substring(4).ToLowerInvariant()
  $codes = ConvertFrom-Punycode $encoded
  if ($null -eq $codes -or $codes.Length -eq 0) { return $null }
  $decoded = ConvertFrom-CodePointArray $codes
  if ($decoded -notmatch '[^\x00-\x7F]' -or $decoded -notmatch '^[\p{L}\p{M}\p{Nd}_-]+$') { return $null }
  if ($decoded -cne $decoded.Normalize([Text.NormalizationForm]::FormC)) { return $null }
  if ((ConvertTo-Punycode (Get-CodePointArray $decoded)) -cne $encoded) { return $null }
  return $decoded
}

function Get-LabelScriptSet {
  param([string]$Label)
  $scripts = @()
  if ($Label -cmatch $script:LatinPattern) { $scripts += 'Latin' }
  if ($Label -cmatch $script:CyrillicPattern) { $scripts += 'Cyrillic' }
  if ($Label -cmatch $script:GreekPattern) { $scripts += 'Greek' }
  return , $scripts
}

# A look-alike label: Latin mixed with Cyrillic or Greek, a label of only Latin-looking Cyrillic or Greek letters
# (unless the top-level label is of that script too), or digits of two number systems.
function Test-LookAlikeLabel {
  param([string]$Unicode, [string[]]$TldScripts)
  $scripts = Get-LabelScriptSet $Unicode
  if ($scripts.Length -gt 1) { return $true }
  if ($Unicode -match '[0-9]' -and $Unicode -match '[\p{Nd}-[0-9]]') { return $true }
  if ($scripts.Length -eq 0 -or $TldScripts -contains $scripts[0]) { return $false }
  $lookalike = $null
  if ($scripts[0] -eq 'Cyrillic') { $lookalike = $script:CyrillicLookalikePattern }
  if ($scripts[0] -eq 'Greek') { $lookalike = $script:GreekLookalikePattern }
  if ($null -eq $lookalike) { return $false }
  $letters = @([regex]::Matches($Unicode, '\p{L}') | ForEach-Object { $_.Value })
  return ($letters.Length -gt 0 -and @($letters | Where-Object { $_ -cnotmatch $lookalike }).Length -eq 0)
}

function Test-DnsName {
  param([string]$Name)
  if ($Name.Length -gt 253 -or $Name.StartsWith('.') -or $Name.EndsWith('.')) { return $false }
  $labels = $Name.Split('.')
  $pattern = $script:DnsLabelPattern
  if ($labels.Length -eq 1) { $pattern = $script:NetbiosPattern }
  foreach ($label in $labels) { if (-not (Test-DnsLabel $label $pattern)) { return $false } }
  # A name whose last part is only digits is neither an IPv4 address nor a name.
  if ($Name -match '^[0-9.]+$' -or $labels[$labels.Length - 1] -match '^[0-9]+$') { return $false }
  $unicode = New-Object System.Collections.Generic.List[string]
  foreach ($label in $labels) {
    $decoded = Get-UnicodeLabel $label
    if ($null -eq $decoded) { return $false }
    $unicode.Add($decoded)
  }
  $tldScripts = @()
  if ($labels.Length -gt 1) { $tldScripts = Get-LabelScriptSet $unicode[$unicode.Count - 1] }
  foreach ($label in $unicode) { if (Test-LookAlikeLabel $label $tldScripts) { return $false } }
  return $true
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

