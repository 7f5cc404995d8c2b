# ---------------------------------------------------------------- C# helpers (machine/powershell/helpers)

# A helper type by name, from RdpRepair.Helpers.dll, whose bytes the build embedded above: loaded from those
# bytes, so the module's SHA-256 covers exactly what runs, nothing is compiled (no csc.exe, no %TEMP% files
# a same-user process could swap before an elevated load) and nothing is written. Once per session: a module
# imported again finds the type already there, and a second copy of the assembly would be a second type.
function Import-HelperType {
  param([string]$Name)
  $type = $Name -as [type]
  if ($null -eq $type) {
    $assembly = [Reflection.Assembly]::Load([Convert]::FromBase64String($script:HelpersAssemblyBase64))
    $type = $assembly.GetType($Name, $true)
  }
  return $type
}
