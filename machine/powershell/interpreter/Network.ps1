# ---------------------------------------------------------------- network

function Resolve-HostAddress {
  param([string]$Name, [int]$TimeoutMs)
  $literal = $null
  if ([Net.IPAddress]::TryParse($Name, [ref]$literal)) { return , @($literal) }
  $task = [Net.Dns]::GetHostAddressesAsync($Name)
  try {
    if (-not $task.Wait($TimeoutMs)) { return , @() }
  } catch { return , @() }
  return , @($task.Result)
}

# One bounded connect attempt: $null when it opened, else refused, unreachable or timeout.
function Test-TcpConnect {
  param($Address, [int]$Port, [int]$TimeoutMs)
  # Test-NetConnection has no timeout; a TcpClient with a bounded wait does.
  $client = New-Object Net.Sockets.TcpClient ($Address.AddressFamily)
  try {
    $task = $client.ConnectAsync($Address, $Port)
    if ($task.Wait($TimeoutMs)) { return $null }
    return 'timeout'
  } catch {
    $cursor = $_.Exception
    while ($null -ne $cursor) {
      if ($cursor -is [Net.Sockets.SocketException]) {
        if ($cursor.SocketErrorCode.ToString() -eq 'ConnectionRefused') { return 'refused' }
        if ($cursor.SocketErrorCode.ToString() -eq 'TimedOut') { return 'timeout' }
        break
      }
      $cursor = $cursor.InnerException
    }
    return 'unreachable'
  } finally { $client.Close() }
}

function Invoke-OpNetProbeTcp {
  param($Op)
  $name = Get-HostField $Op
  $port = [int](Get-IntegerField $Op 'port' 1 65535)
  $timeoutMs = [int](Get-IntegerField $Op 'timeoutMs' 100 30000)
  $clock = [Diagnostics.Stopwatch]::StartNew()
  $addresses = Resolve-HostAddress $name $timeoutMs
  if ($addresses.Length -eq 0) { $script:OpValue = [ordered]@{ open = $false; error = 'unresolved' }; return }
  # Every address in turn, within the one timeout: over a VPN the IPv6 address often has no route while the
  # IPv4 one works. Each attempt gets an equal share of what is left, so a silent first address cannot use it all.
  $result = $null
  for ($i = 0; $i -lt $addresses.Length; $i++) {
    $left = $timeoutMs - [int]$clock.ElapsedMilliseconds
    if ($left -le 0) { break }
    $share = [Math]::Max([int]($left / ($addresses.Length - $i)), [Math]::Min(250, $left))
    $address = $addresses[$i]
    $failure = Test-TcpConnect $address $port $share
    if ($null -eq $failure) { $script:OpValue = [ordered]@{ open = $true; address = $address.ToString() }; return }
    # The most telling answer wins: a refusal (something answered) over unreachable over silence.
    $rank = @{ 'timeout' = 0; 'unreachable' = 1; 'refused' = 2 }
    if ($null -eq $result -or $rank[$failure] -gt $rank[$result['error']]) {
      $result = [ordered]@{ open = $false; address = $address.ToString(); error = $failure }
    }
  }
  if ($null -eq $result) { $result = [ordered]@{ open = $false; address = $addresses[0].ToString(); error = 'timeout' } }
  $script:OpValue = $result
}

function Invoke-OpNetResolve {
  param($Op)
  $name = Get-HostField $Op
  $addresses = New-Object 'System.Collections.Generic.List[object]'
  foreach ($address in (Resolve-HostAddress $name 5000)) { $addresses.Add($address.ToString()) }
  $script:OpValue = [ordered]@{ addresses = $addresses.ToArray() }
}

function Invoke-OpNetAdapter {
  param($Op)
  $null = $Op
  $adapters = New-Object 'System.Collections.Generic.List[object]'
  $known = @('Up', 'Down', 'Disconnected', 'Disabled')
  foreach ($adapter in @(Get-NetAdapter -ErrorAction SilentlyContinue)) {
    $status = [string]$adapter.Status
    if ($status -eq 'Not Present') { $status = 'NotPresent' } elseif ($known -notcontains $status) { $status = 'Unknown' }
    $adapters.Add([ordered]@{ name = [string]$adapter.Name; description = [string]$adapter.InterfaceDescription; status = $status; kind = 'adapter' })
  }
  if ($null -ne (Get-Command -Name Get-VpnConnection -ErrorAction SilentlyContinue)) {
    # The user's own VPN profiles and those made for all users (-AllUserConnection), which most company VPNs are.
    $profiles = @(Get-VpnConnection -ErrorAction SilentlyContinue) + @(Get-VpnConnection -AllUserConnection -ErrorAction SilentlyContinue)
    foreach ($vpn in $profiles) {
      $status = 'Unknown'
      if ([string]$vpn.ConnectionStatus -eq 'Connected') { $status = 'Up' } elseif ([string]$vpn.ConnectionStatus -eq 'Disconnected') { $status = 'Disconnected' }
      $adapters.Add([ordered]@{ name = [string]$vpn.Name; description = ('VPN profile (' + [string]$vpn.TunnelType + ')'); status = $status; kind = 'vpn-profile' })
    }
  }
  $script:OpValue = $adapters.ToArray()
}

<#
  Who listens on this TCP port on this PC (a tunnel, a port forward, a relay) and this PC's own addresses, so
  a target that resolves here can be told apart from the remote computer. The owning process's name and path
  where Windows tells them (another user's process may hide its path from an unelevated one: null then).
  Bounded: at most 64 listeners and 256 addresses.
#>
function Invoke-OpNetListener {
  param($Op)
  $port = [int](Get-IntegerField $Op 'port' 1 65535)
  $listeners = New-Object 'System.Collections.Generic.List[object]'
  foreach ($socket in @(Get-NetTCPConnection -State Listen -LocalPort $port -ErrorAction SilentlyContinue)) {
    if ($listeners.Count -ge 64) { break }
    $id = [long]$socket.OwningProcess
    $process = Get-Process -Id $id -ErrorAction SilentlyContinue
    $name = $null
    $path = $null
    if ($null -ne $process) {
      $name = [string]$process.ProcessName
      try { if ($process.Path) { $path = [string]$process.Path } } catch { $path = $null }
    }
    $listeners.Add([ordered]@{ address = [string]$socket.LocalAddress; port = $port; processId = $id; processName = $name; processPath = $path })
  }
  $addresses = New-Object 'System.Collections.Generic.List[object]'
  foreach ($ip in @(Get-NetIPAddress -ErrorAction SilentlyContinue)) {
    if ($addresses.Count -ge 256) { break }
    $addresses.Add(([string]$ip.IPAddress -replace '%.*$', ''))
  }
  $script:OpValue = [ordered]@{ listeners = $listeners.ToArray(); localAddresses = $addresses.ToArray() }
}

<#
  Whether a CIM failure says the namespace does not exist (WMI's WBEM_E_INVALID_NAMESPACE, 0x8004100E): Windows
  Server has no SecurityCenter2, and there no products is the honest answer. Any other failure (access denied,
  WMI broken, no CIM at all off Windows) is an op error: "could not check", never "nothing installed".
#>
function Test-InvalidCimNamespace {
  param($ErrorRecord)
  if ([string]$ErrorRecord.FullyQualifiedErrorId -match '0x8004100e') { return $true }
  $cursor = $ErrorRecord.Exception
  while ($null -ne $cursor) {
    $native = $cursor.PSObject.Properties['NativeErrorCode']
    if ($null -ne $native -and [string]$native.Value -eq 'InvalidNamespace') { return $true }
    $cursor = $cursor.InnerException
  }
  return $false
}

function Invoke-OpSecurityProduct {
  param($Op)
  $null = $Op
  $products = New-Object 'System.Collections.Generic.List[object]'
  $classes = [ordered]@{ AntiVirusProduct = 'antivirus'; AntiSpywareProduct = 'antispyware'; FirewallProduct = 'firewall' }
  foreach ($class in $classes.Keys) {
    $found = @()
    try { $found = @(Get-CimInstance -Namespace 'root/SecurityCenter2' -ClassName $class -ErrorAction Stop) } catch {
      if (-not (Test-InvalidCimNamespace $_)) { throw }
      $found = @()
    }
    foreach ($product in $found) {
      $state = 'unknown'
      $bits = ([long]$product.productState -shr 12) -band 0xF
      if ($bits -eq 1) { $state = 'on' } elseif ($bits -eq 0) { $state = 'off' } elseif ($bits -eq 2) { $state = 'snoozed' } elseif ($bits -eq 3) { $state = 'expired' }
      $products.Add([ordered]@{ name = [string]$product.displayName; kind = $classes[$class]; state = $state })
    }
  }
  $script:OpValue = $products.ToArray()
}

