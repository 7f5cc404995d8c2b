<#
  Test support: parses each text of a JSON list (-ListFile, UTF-8) with PowerShell's own parser and answers,
  per text, its syntax errors and how many commands, variables and sub-expressions it has, with the text of
  every single-quoted string. One pwsh start for a whole test file's texts.
#>
param([Parameter(Mandatory = $true)][string]$ListFile)
$ErrorActionPreference = 'Stop'
$texts = [IO.File]::ReadAllText($ListFile) | ConvertFrom-Json
$answers = foreach ($text in @($texts)) {
  $tokens = $null
  $errors = $null
  $ast = [System.Management.Automation.Language.Parser]::ParseInput([string]$text, [ref]$tokens, [ref]$errors)
  $count = { param($type) @($ast.FindAll({ param($n) $n -is $type }.GetNewClosure(), $true)).Count }
  $strings = @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.StringConstantExpressionAst] -and $n.StringConstantType -eq 'SingleQuoted' }, $true) | ForEach-Object { $_.Extent.Text })
  [ordered]@{
    errors = @($errors | ForEach-Object { $_.Message })
    commands = (& $count ([System.Management.Automation.Language.CommandAst]))
    variables = (& $count ([System.Management.Automation.Language.VariableExpressionAst]))
    subExpressions = (& $count ([System.Management.Automation.Language.SubExpressionAst]))
    strings = $strings
  }
}
ConvertTo-Json -InputObject @($answers) -Depth 5 -Compress
