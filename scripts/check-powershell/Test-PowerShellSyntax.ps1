<#
  Parses each file with PowerShell's own parser ([System.Management.Automation.Language.Parser]::ParseFile)
  and walks the AST for syntax, commands and parameters that Windows PowerShell 5.1 does not have.
  Runs in PowerShell 7 (the AST types of the 7-only syntax exist only there). Writes one JSON document:
  {"files":N,"findings":[{"file":...,"line":...,"message":...}]}. Byte-level checks (a BOM) stay in TypeScript.
#>
[CmdletBinding()]
param([string[]]$Path, [string]$ListFile)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 2.0

$ps7Commands = @('Join-String', 'Test-Json', 'Get-Error', 'ConvertFrom-Markdown', 'Show-Markdown',
  'Get-MarkdownOption', 'Set-MarkdownOption', 'Get-Uptime', 'Remove-Alias', 'Remove-Service',
  'Get-SecureRandom', 'ConvertTo-CliXml', 'ConvertFrom-CliXml')

# Parameters that exist only in PowerShell 6+ for a command that also exists in 5.1.
$ps7Parameters = @{
  'foreach-object' = @('parallel', 'throttlelimit'); '%' = @('parallel', 'throttlelimit'); 'foreach' = @('parallel', 'throttlelimit')
  'convertfrom-json' = @('ashashtable', 'depth', 'noenumerate', 'datekind')
  'convertto-json' = @('asarray', 'enumsasstrings', 'escapehandling')
  'get-content' = @('asbytestream'); 'set-content' = @('asbytestream'); 'add-content' = @('asbytestream')
  'invoke-webrequest' = @('skipcertificatecheck', 'authentication', 'sslprotocol', 'resume')
  'invoke-restmethod' = @('skipcertificatecheck', 'authentication', 'sslprotocol', 'resume')
  'test-connection' = @('targetname', 'tcpport', 'ping', 'traceroute')
  'select-string' = @('raw', 'noemphasis'); 'get-childitem' = @('followsymlink')
  'split-path' = @('extension', 'leafbase')
}

# -ListFile: one path a line (UTF-8), as the TypeScript check passes them; -File cannot bind an array.
if ($ListFile) { $Path = @([IO.File]::ReadAllLines($ListFile) | Where-Object { $_.Length -gt 0 }) }
if ($null -eq $Path -or $Path.Length -eq 0) { throw 'No files to check: give -Path or -ListFile.' }

$findings = New-Object 'System.Collections.Generic.List[object]'
function Add-Finding {
  param([string]$File, $Extent, [string]$Message)
  $findings.Add([ordered]@{ file = $File; line = $Extent.StartLineNumber; message = $Message })
}

function Find-Ast {
  param($Ast, [scriptblock]$Predicate)
  return @($Ast.FindAll($Predicate, $true))
}

foreach ($file in $Path) {
  $tokens = $null
  $errors = $null
  $ast = [System.Management.Automation.Language.Parser]::ParseFile($file, [ref]$tokens, [ref]$errors)
  foreach ($parseError in $errors) { Add-Finding $file $parseError.Extent ('syntax error: ' + $parseError.Message) }

  foreach ($node in (Find-Ast $ast { param($n) $n -is [System.Management.Automation.Language.TernaryExpressionAst] })) {
    Add-Finding $file $node.Extent 'ternary ? : needs PowerShell 7; use if/else'
  }
  foreach ($node in (Find-Ast $ast { param($n) $n -is [System.Management.Automation.Language.PipelineChainAst] })) {
    Add-Finding $file $node.Extent ('pipeline chain ' + $node.Operator.ToString().Replace('AndAnd', '&&').Replace('OrOr', '||') + ' needs PowerShell 7; use if ($?) or try/catch')
  }
  foreach ($node in (Find-Ast $ast { param($n) $n -is [System.Management.Automation.Language.BinaryExpressionAst] -and $n.Operator -eq 'QuestionQuestion' })) {
    Add-Finding $file $node.Extent 'null-coalescing ?? needs PowerShell 7'
  }
  foreach ($node in (Find-Ast $ast { param($n) $n -is [System.Management.Automation.Language.AssignmentStatementAst] -and $n.Operator -eq 'QuestionQuestionEquals' })) {
    Add-Finding $file $node.Extent 'null-coalescing ??= needs PowerShell 7'
  }
  foreach ($node in (Find-Ast $ast { param($n) $n -is [System.Management.Automation.Language.MemberExpressionAst] -and $n.NullConditional })) {
    Add-Finding $file $node.Extent 'null-conditional ?. needs PowerShell 7'
  }
  foreach ($node in (Find-Ast $ast { param($n) $n -is [System.Management.Automation.Language.IndexExpressionAst] -and $n.NullConditional })) {
    Add-Finding $file $node.Extent 'null-conditional ?[ needs PowerShell 7'
  }
  foreach ($node in (Find-Ast $ast { param($n) $n -is [System.Management.Automation.Language.NamedBlockAst] -and $n.BlockKind -eq 'Clean' })) {
    Add-Finding $file $node.Extent 'the clean {} block needs PowerShell 7.3'
  }
  foreach ($node in (Find-Ast $ast { param($n) $n -is [System.Management.Automation.Language.ExpandableStringExpressionAst] -or ($n -is [System.Management.Automation.Language.StringConstantExpressionAst] -and $n.StringConstantType -in @('DoubleQuoted', 'DoubleQuotedHereString')) })) {
    $text = $node.Extent.Text
    if ($text -match '`u\{') { Add-Finding $file $node.Extent 'the `u{} escape needs PowerShell 6' }
    if ($text -cmatch '(^|[^`])`e') { Add-Finding $file $node.Extent 'the `e escape needs PowerShell 6; use [char]27' }
  }
  foreach ($command in (Find-Ast $ast { param($n) $n -is [System.Management.Automation.Language.CommandAst] })) {
    $name = $command.GetCommandName()
    if ($null -eq $name) { continue }
    $lower = $name.ToLowerInvariant()
    if ($ps7Commands -contains $name) { Add-Finding $file $command.Extent "$lower does not exist in Windows PowerShell 5.1" }
    if (-not $ps7Parameters.ContainsKey($lower)) { continue }
    foreach ($parameter in @($command.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] })) {
      $given = $parameter.ParameterName.ToLowerInvariant()
      if ($given.Length -lt 2) { continue }
      $hit = @($ps7Parameters[$lower] | Where-Object { $_.StartsWith($given) }) | Select-Object -First 1
      if ($null -ne $hit) { Add-Finding $file $parameter.Extent "$lower -$hit needs PowerShell 6 or later" }
    }
  }
}

$document = [ordered]@{ files = $Path.Length; findings = $findings.ToArray() }
ConvertTo-Json -InputObject $document -Depth 5 -Compress
