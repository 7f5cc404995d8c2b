# PSScriptAnalyzer settings for every shipped .ps1/.psm1 (the Windows workflow's "zero warnings" step).
@{
  Severity     = @('Error', 'Warning')
  ExcludeRules = @(
    # The interpreter's state-changing functions (Set-RegistryData, Remove-EmptyRegistryKey, ...) are internal
    # to the module: only Invoke-RdpRepairBatch is exported. The consent for what they change is the batch,
    # shown to the user in words and as PowerShell before it runs and recorded in the journal with its undo;
    # -WhatIf/-Confirm on helpers nobody calls directly would add a prompt path that can never be used.
    'PSUseShouldProcessForStateChangingFunctions'
  )
}
