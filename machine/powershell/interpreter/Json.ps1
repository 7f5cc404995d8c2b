# ---------------------------------------------------------------- JSON reader

$script:JsonTokenPattern = New-Object System.Text.RegularExpressions.Regex (
  '\G[ \t\r\n]*(?:"((?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*)"|(-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)|(true|false|null)|([{}\[\]:,]))'
)
$script:JsonEscapePattern = New-Object System.Text.RegularExpressions.Regex ('\\(?:u([0-9a-fA-F]{4})|(.))')
$script:JsonEscapeEvaluator = [System.Text.RegularExpressions.MatchEvaluator] {
  param($match)
  if ($match.Groups[1].Success) { return [string][char][Convert]::ToInt32($match.Groups[1].Value, 16) }
  switch -CaseSensitive ($match.Groups[2].Value) {
    'b' { return [string][char]8 }
    'f' { return [string][char]12 }
    'n' { return "`n" }
    'r' { return "`r" }
    't' { return "`t" }
    default { return $match.Groups[2].Value }
  }
}

function Read-JsonToken {
  param([string]$Text)
  $kinds = New-Object 'System.Collections.Generic.List[char]'
  $values = New-Object 'System.Collections.Generic.List[object]'
  $position = 0
  while ($true) {
    $match = $script:JsonTokenPattern.Match($Text, $position)
    if (-not $match.Success) {
      if ($Text.Substring($position).Trim().Length -eq 0) { break }
      throw (Get-InvalidArgument "The batch is not valid JSON (at character $position).")
    }
    $position = $match.Index + $match.Length
    if ($match.Groups[1].Success) {
      $raw = $match.Groups[1].Value
      if ($raw.IndexOf('\') -ge 0) { $raw = $script:JsonEscapePattern.Replace($raw, $script:JsonEscapeEvaluator) }
      $kinds.Add('s'); $values.Add($raw)
    } elseif ($match.Groups[2].Success) {
      $number = $match.Groups[2].Value
      $long = [long]0
      if ($number -match '^-?[0-9]+$' -and [long]::TryParse($number, [Globalization.NumberStyles]::AllowLeadingSign, $script:Invariant, [ref]$long)) {
        $kinds.Add('n'); $values.Add($long)
      } else {
        $kinds.Add('n'); $values.Add([double]::Parse($number, $script:Invariant))
      }
    } elseif ($match.Groups[3].Success) {
      $literal = $match.Groups[3].Value
      $kinds.Add('l')
      if ($literal -ceq 'true') { $values.Add($true) } elseif ($literal -ceq 'false') { $values.Add($false) } else { $values.Add($null) }
    } else {
      $kinds.Add([char]$match.Groups[4].Value); $values.Add($null)
    }
  }
  $script:JsonKinds = $kinds
  $script:JsonValues = $values
  $script:JsonIndex = 0
}

function Get-JsonKind {
  if ($script:JsonIndex -ge $script:JsonKinds.Count) { return [char]0 }
  return $script:JsonKinds[$script:JsonIndex]
}

function Read-JsonValue {
  param([int]$Depth)
  if ($Depth -gt 200) { throw (Get-InvalidArgument 'The batch JSON is nested too deeply.') }
  if ($script:JsonIndex -ge $script:JsonKinds.Count) { throw (Get-InvalidArgument 'The batch JSON ends too early.') }
  $kind = $script:JsonKinds[$script:JsonIndex]
  $value = $script:JsonValues[$script:JsonIndex]
  $script:JsonIndex++
  if ($kind -eq [char]'s' -or $kind -eq [char]'n' -or $kind -eq [char]'l') { return , $value }
  if ($kind -eq [char]'[') {
    $items = New-Object 'System.Collections.Generic.List[object]'
    if ((Get-JsonKind) -eq [char]']') { $script:JsonIndex++; return , ($items.ToArray()) }
    while ($true) {
      $items.Add((Read-JsonValue ($Depth + 1)))
      $separator = Read-JsonPunctuation
      if ($separator -eq [char]']') { return , ($items.ToArray()) }
      if ($separator -ne [char]',') { throw (Get-InvalidArgument 'The batch JSON has a malformed array.') }
    }
  }
  if ($kind -eq [char]'{') {
    $object = New-Object 'System.Collections.Generic.Dictionary[string,object]' ([StringComparer]::Ordinal)
    if ((Get-JsonKind) -eq [char]'}') { $script:JsonIndex++; return , $object }
    while ($true) {
      if ((Get-JsonKind) -ne [char]'s') { throw (Get-InvalidArgument 'The batch JSON has a malformed object.') }
      $name = [string]$script:JsonValues[$script:JsonIndex]
      $script:JsonIndex++
      if ((Read-JsonPunctuation) -ne [char]':') { throw (Get-InvalidArgument 'The batch JSON has a malformed object.') }
      if ($object.ContainsKey($name)) { throw (Get-InvalidArgument 'The batch JSON repeats a key.') }
      $object[$name] = Read-JsonValue ($Depth + 1)
      $separator = Read-JsonPunctuation
      if ($separator -eq [char]'}') { return , $object }
      if ($separator -ne [char]',') { throw (Get-InvalidArgument 'The batch JSON has a malformed object.') }
    }
  }
  throw (Get-InvalidArgument 'The batch JSON has an unexpected token.')
}

function Read-JsonPunctuation {
  if ($script:JsonIndex -ge $script:JsonKinds.Count) { throw (Get-InvalidArgument 'The batch JSON ends too early.') }
  $kind = $script:JsonKinds[$script:JsonIndex]
  $script:JsonIndex++
  return $kind
}

function ConvertFrom-BatchJson {
  param([string]$Text)
  Read-JsonToken $Text
  $value = Read-JsonValue 0
  if ($script:JsonIndex -ne $script:JsonKinds.Count) { throw (Get-InvalidArgument 'The batch JSON has trailing data.') }
  return , $value
}

# ---------------------------------------------------------------- JSON writer

function ConvertTo-AsciiJson {
  param($Document)
  # Windows PowerShell 5.1 adds a Count property to wrapped arrays, which ConvertTo-Json would serialise.
  if ($PSVersionTable.PSVersion.Major -lt 6) { Remove-TypeData -TypeName System.Array -ErrorAction SilentlyContinue }
  $json = ConvertTo-Json -InputObject $Document -Depth 100 -Compress
  $escape = [System.Text.RegularExpressions.MatchEvaluator] { param($m) '\u{0:x4}' -f [int][char]$m.Value }
  return [regex]::Replace($json, '[^\x00-\x7F]', $escape)
}

