# ---------------------------------------------------------------- punycode (RFC 3492, as shared/punycode.ts)
# One label, without the xn-- prefix. Written out rather than [Globalization.IdnMapping]: that follows the
# runtime's IDNA (IDNA2003 in .NET Framework, UTS 46 in .NET), and the answer must be the validator's own.

$script:PunyBase = 36
$script:PunyTmin = 1
$script:PunyTmax = 26
$script:PunyMaxInt = [long]0x7fffffff

function Get-PunycodeAdapt {
  param([long]$Delta, [long]$Points, [bool]$FirstTime)
  if ($FirstTime) { $d = [Math]::Floor($Delta / 700) } else { $d = $Delta -shr 1 }
  $d += [Math]::Floor($d / $Points)
  $k = 0
  while ($d -gt ((($script:PunyBase - $script:PunyTmin) * $script:PunyTmax) -shr 1)) {
    $d = [Math]::Floor($d / ($script:PunyBase - $script:PunyTmin))
    $k += $script:PunyBase
  }
  return [long]($k + [Math]::Floor((($script:PunyBase - $script:PunyTmin + 1) * $d) / ($d + 38)))
}

function Get-PunycodeThreshold {
  param([long]$K, [long]$Bias)
  if ($K -le $Bias) { return $script:PunyTmin }
  if ($K -ge $Bias + $script:PunyTmax) { return $script:PunyTmax }
  return $K - $Bias
}

# The code points of a decoded label, or $null when it is not valid punycode.
function ConvertFrom-Punycode {
  param([string]$Text)
  $output = New-Object System.Collections.Generic.List[int]
  $basic = [Math]::Max($Text.LastIndexOf('-'), 0)
  for ($j = 0; $j -lt $basic; $j++) {
    if ([int]$Text[$j] -ge 0x80) { return $null }
    $output.Add([int]$Text[$j])
  }
  [long]$i = 0; [long]$n = 128; [long]$bias = 72
  $index = 0; if ($basic -gt 0) { $index = $basic + 1 }
  while ($index -lt $Text.Length) {
    $oldI = $i; [long]$w = 1
    for ($k = $script:PunyBase; ; $k += $script:PunyBase) {
      if ($index -ge $Text.Length) { return $null }
      $c = [int]$Text[$index]; $index++
      $digit = $script:PunyBase
      if ($c -ge 0x30 -and $c -le 0x39) { $digit = $c - 22 }
      elseif ($c -ge 0x61 -and $c -le 0x7a) { $digit = $c - 0x61 }
      elseif ($c -ge 0x41 -and $c -le 0x5a) { $digit = $c - 0x41 }
      if ($digit -ge $script:PunyBase -or $digit -gt [Math]::Floor(($script:PunyMaxInt - $i) / $w)) { return $null }
      $i += $digit * $w
      $t = Get-PunycodeThreshold $k $bias
      if ($digit -lt $t) { break }
      if ($w -gt [Math]::Floor($script:PunyMaxInt / ($script:PunyBase - $t))) { return $null }
      $w *= ($script:PunyBase - $t)
    }
    $count = $output.Count + 1
    $bias = Get-PunycodeAdapt ($i - $oldI) $count ($oldI -eq 0)
    if ([Math]::Floor($i / $count) -gt $script:PunyMaxInt - $n) { return $null }
    $n += [Math]::Floor($i / $count)
    $i = $i % $count
    if ($n -gt 0x10ffff -or ($n -ge 0xd800 -and $n -le 0xdfff)) { return $null }
    $output.Insert([int]$i, [int]$n); $i++
  }
  return , $output.ToArray()
}

# A label's code points as punycode (without the xn-- prefix).
function ConvertTo-Punycode {
  param([int[]]$Codes)
  $out = New-Object System.Text.StringBuilder
  foreach ($c in $Codes) { if ($c -lt 0x80) { [void]$out.Append([char]$c) } }
  $basicLength = $out.Length; $handled = $basicLength
  if ($basicLength -gt 0) { [void]$out.Append('-') }
  [long]$n = 128; [long]$delta = 0; [long]$bias = 72
  while ($handled -lt $Codes.Length) {
    $m = ($Codes | Where-Object { $_ -ge $n } | Measure-Object -Minimum).Minimum
    $delta += ($m - $n) * ($handled + 1); $n = $m
    foreach ($c in $Codes) {
      if ($c -lt $n) { $delta++ }
      if ($c -ne $n) { continue }
      $q = $delta
      for ($k = $script:PunyBase; ; $k += $script:PunyBase) {
        $t = Get-PunycodeThreshold $k $bias
        if ($q -lt $t) { break }
        [void]$out.Append((Get-PunycodeDigit ($t + (($q - $t) % ($script:PunyBase - $t)))))
        $q = [Math]::Floor(($q - $t) / ($script:PunyBase - $t))
      }
      [void]$out.Append((Get-PunycodeDigit $q))
      $bias = Get-PunycodeAdapt $delta ($handled + 1) ($handled -eq $basicLength)
      $delta = 0; $handled++
    }
    $delta++; $n++
  }
  return $out.ToString()
}

function Get-PunycodeDigit {
  param([long]$Digit)
  if ($Digit -lt 26) { return [char]($Digit + 0x61) }
  return [char]($Digit + 22)
}

# Code points of a string (a surrogate pair is one), and back.
function Get-CodePointArray {
  param([string]$Text)
  $codes = New-Object System.Collections.Generic.List[int]
  for ($i = 0; $i -lt $Text.Length; $i++) {
    $codes.Add([char]::ConvertToUtf32($Text, $i))
    if ([char]::IsHighSurrogate($Text[$i])) { $i++ }
  }
  return , $codes.ToArray()
}

function ConvertFrom-CodePointArray {
  param([int[]]$Codes)
  return (($Codes | ForEach-Object { [char]::ConvertFromUtf32($_) }) -join '')
}
