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

<#
  The parser walks the tokens in one loop with its own stack of open arrays and objects, calling a function only
  for an object's key (Read-JsonKey): a PowerShell function call costs about as much as reading ten tokens, and
  the recursive parser it replaces (three calls per value) took 50-250 ms for a scan's batch, 10 now. The checks, their
  order and their messages are those of that recursive parser: a value deeper than 200 is refused before the
  end of the text is, an object's key before its colon, a repeated key before its value.
#>
function Read-JsonDocument {
  $kinds = $script:JsonKinds
  $values = $script:JsonValues
  $count = $kinds.Count
  $index = 0
  # Open containers, innermost last: the List or Dictionary being filled, and an object's key awaiting its value.
  $containers = [System.Collections.Generic.List[object]]::new()
  $keys = [System.Collections.Generic.List[string]]::new()
  while ($true) {
    # A value starts here, at depth $containers.Count.
    if ($containers.Count -gt 200) { throw (Get-InvalidArgument 'The batch JSON is nested too deeply.') }
    if ($index -ge $count) { throw (Get-InvalidArgument 'The batch JSON ends too early.') }
    $kind = $kinds[$index]
    $value = $values[$index]
    $index++
    $empty = $index -lt $count -and (($kind -eq [char]'[' -and $kinds[$index] -eq [char]']') -or ($kind -eq [char]'{' -and $kinds[$index] -eq [char]'}'))
    if ($empty) { $index++ }
    if ($kind -eq [char]'[') {
      if ($empty) { $value = [object[]]@() } else { $containers.Add([System.Collections.Generic.List[object]]::new()); $keys.Add($null); continue }
    } elseif ($kind -eq [char]'{') {
      $value = [System.Collections.Generic.Dictionary[string, object]]::new([StringComparer]::Ordinal)
      if (-not $empty) {
        $script:JsonIndex = $index; $keys.Add((Read-JsonKey $value)); $index = $script:JsonIndex
        $containers.Add($value)
        continue
      }
    } elseif ($kind -ne [char]'s' -and $kind -ne [char]'n' -and $kind -ne [char]'l') {
      throw (Get-InvalidArgument 'The batch JSON has an unexpected token.')
    }
    # A whole value: it goes into the innermost open container, and whatever that separator closes goes on up.
    while ($true) {
      $top = $containers.Count - 1
      if ($top -lt 0) { $script:JsonIndex = $index; return , $value }
      if ($index -ge $count) { throw (Get-InvalidArgument 'The batch JSON ends too early.') }
      $container = $containers[$top]
      $separator = $kinds[$index]
      $index++
      $isArray = $container -is [System.Collections.Generic.List[object]]
      if ($isArray) { $container.Add($value) } else { $container[$keys[$top]] = $value }
      if (($isArray -and $separator -eq [char]']') -or (-not $isArray -and $separator -eq [char]'}')) {
        $value = $container
        if ($isArray) { $value = $container.ToArray() }
        $containers.RemoveAt($top)
        $keys.RemoveAt($top)
        continue
      }
      if ($separator -ne [char]',') {
        if ($isArray) { throw (Get-InvalidArgument 'The batch JSON has a malformed array.') }
        throw (Get-InvalidArgument 'The batch JSON has a malformed object.')
      }
      if (-not $isArray) { $script:JsonIndex = $index; $keys[$top] = Read-JsonKey $container; $index = $script:JsonIndex }
      break
    }
  }
}

# An object's next key and its colon, at $script:JsonIndex (one call per key, not per token); a key the object
# already has is refused here, before its value is read.
function Read-JsonKey {
  param($Object)
  $index = $script:JsonIndex
  if ($index -ge $script:JsonKinds.Count -or $script:JsonKinds[$index] -ne [char]'s') { throw (Get-InvalidArgument 'The batch JSON has a malformed object.') }
  $name = [string]$script:JsonValues[$index]
  $index++
  if ($index -ge $script:JsonKinds.Count) { throw (Get-InvalidArgument 'The batch JSON ends too early.') }
  if ($script:JsonKinds[$index] -ne [char]':') { throw (Get-InvalidArgument 'The batch JSON has a malformed object.') }
  if ($Object.ContainsKey($name)) { throw (Get-InvalidArgument 'The batch JSON repeats a key.') }
  $script:JsonIndex = $index + 1
  return $name
}

function ConvertFrom-BatchJson {
  param([string]$Text)
  Read-JsonToken $Text
  $value = Read-JsonDocument
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

