# ---------------------------------------------------------------- events

function Invoke-OpEventsQuery {
  param($Op)
  $channel = Get-ChoiceField $Op 'channel' $script:EventChannels
  $since = Get-StringField $Op 'since' 1 40
  if ($since -notmatch '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?Z$') { throw (Get-InvalidArgument "'since' must be an ISO time in UTC.") }
  $styles = [Globalization.DateTimeStyles]::AdjustToUniversal -bor [Globalization.DateTimeStyles]::AssumeUniversal
  $sinceTime = [DateTime]::Parse($since, $script:Invariant, $styles)
  $max = [int](Get-IntegerField $Op 'max' 1 1000)
  $conditions = New-Object 'System.Collections.Generic.List[string]'
  $conditions.Add("TimeCreated[@SystemTime>='" + (Format-UtcTime $sinceTime) + "']")
  # An XPath filter instead of -FilterHashtable: that one fails beyond 23 event ids.
  if ($Op.ContainsKey('ids')) {
    $ids = Get-ArrayField $Op 'ids' 50
    $terms = @()
    foreach ($id in $ids) {
      if ($id -isnot [long] -or $id -lt 0 -or $id -gt 65535) { throw (Get-InvalidArgument 'Event ids are numbers from 0 to 65535.') }
      $terms += ('EventID=' + $id)
    }
    if ($terms.Length -gt 0) { $conditions.Add('(' + ($terms -join ' or ') + ')') }
  }
  if ($Op.ContainsKey('providers')) {
    $providers = Get-ArrayField $Op 'providers' 20
    $terms = @()
    foreach ($provider in $providers) {
      if ($provider -isnot [string] -or $provider -notmatch '^[A-Za-z0-9 ._/-]{1,200}$') { throw (Get-InvalidArgument 'Not an event provider name.') }
      $terms += ("@Name='" + $provider + "'")
    }
    if ($terms.Length -gt 0) { $conditions.Add('Provider[' + ($terms -join ' or ') + ']') }
  }
  if ($Op.ContainsKey('levels')) {
    $levels = Get-ArrayField $Op 'levels' 4
    $terms = @()
    foreach ($level in $levels) {
      if ($level -isnot [string] -or -not $script:EventLevels.ContainsKey($level)) { throw (Get-InvalidArgument 'Unknown event level.') }
      $terms += ('Level=' + $script:EventLevels[$level])
      if ($level -eq 'Information') { $terms += 'Level=0' }
    }
    if ($terms.Length -gt 0) { $conditions.Add('(' + ($terms -join ' or ') + ')') }
  }
  # Same limit as shared/ops.ts (MAX_EVENT_QUERY_TERMS): the event log refuses longer queries.
  $terms = 1
  if ($Op.ContainsKey('ids')) { $terms += $Op['ids'].Length }
  if ($Op.ContainsKey('providers')) { $terms += $Op['providers'].Length }
  if ($Op.ContainsKey('levels')) { foreach ($level in $Op['levels']) { $terms += 1; if ($level -eq 'Information') { $terms += 1 } } }
  if ($terms -gt 19) { throw (Get-InvalidArgument 'An event query has at most 19 XPath terms.') }
  $xpath = '*[System[' + ($conditions -join ' and ') + ']]'
  $found = @()
  try {
    $found = @(Get-WinEvent -LogName $channel -FilterXPath $xpath -MaxEvents $max -ErrorAction Stop)
  } catch {
    # Get-WinEvent throws when nothing matches or the log does not exist: both mean "no events".
    $id = [string]$_.FullyQualifiedErrorId
    if (-not ($id.StartsWith('NoMatchingEventsFound') -or $id.StartsWith('NoMatchingLogsFound'))) { throw }
  }
  $levelNames = @{ 0 = 'Information'; 1 = 'Critical'; 2 = 'Error'; 3 = 'Warning'; 4 = 'Information'; 5 = 'Verbose' }
  $events = New-Object 'System.Collections.Generic.List[object]'
  foreach ($record in $found) {
    $entry = [ordered]@{ channel = [string]$record.LogName; id = [int]$record.Id; time = (Format-UtcTime $record.TimeCreated) }
    if ($null -ne $record.Level -and $levelNames.ContainsKey([int]$record.Level)) { $entry['level'] = $levelNames[[int]$record.Level] }
    if ($null -ne $record.ProviderName) { $entry['provider'] = [string]$record.ProviderName }
    # One connection attempt's events share it (System/Correlation ActivityID) where Windows writes one.
    if ($null -ne $record.ActivityId) { $entry['activityId'] = $record.ActivityId.ToString() }
    $message = $null
    try { $message = $record.FormatDescription() } catch { $message = $null }
    if ($null -ne $message) {
      if ($message.Length -gt 2000) { $message = $message.Substring(0, 2000) }
      $entry['message'] = $message
    }
    $data = [ordered]@{}
    $xml = New-Object System.Xml.XmlDocument
    $xml.LoadXml($record.ToXml())
    $index = 0
    foreach ($node in $xml.GetElementsByTagName('Data')) {
      $key = $node.GetAttribute('Name')
      if ([string]::IsNullOrEmpty($key)) { $key = [string]$index }
      $data[$key] = [string]$node.InnerText
      $index++
    }
    $entry['data'] = $data
    $events.Add($entry)
  }
  $script:OpValue = $events.ToArray()
}

