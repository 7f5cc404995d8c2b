Set-StrictMode -Version 2.0

$script:TestRegistryRootPattern = '^HKCU\\Software\\RdpRepairContractTest(\\[^\\\x00\r\n]+)*$'
$script:EventLevels = @{ 'Critical' = 1; 'Error' = 2; 'Warning' = 3; 'Information' = 4 }
# Flag order (ReadOnly = 1, Hidden = 2, System = 4, Archive = 32), as Windows lists them and the simulated machine does.
$script:FileAttributeNames = @('ReadOnly', 'Hidden', 'System', 'Archive')
$script:MaxTreeDepth = 40
$script:Invariant = [Globalization.CultureInfo]::InvariantCulture

# Per-batch state, set by Invoke-RdpRepairBatch.
$script:Elevated = $false
$script:TestRoot = $null
$script:DocumentsOverride = $null
$script:OpValue = $null
