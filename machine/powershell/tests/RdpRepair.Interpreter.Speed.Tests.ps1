<#
  Pester 5 tests of what makes a fresh session's first check quick (issue 22) without changing any answer:
  the JSON reader's single loop gives the messages of the recursive reader it replaced, in the same order of
  checks, and a cmdlet this PowerShell lacks fails every time with the same error, searched for only once.
  Setup shared with the other RdpRepair.Interpreter.*.Tests.ps1 files: RdpRepair.Interpreter.TestSetup.ps1.
#>

BeforeAll {
  . (Join-Path $PSScriptRoot 'RdpRepair.Interpreter.TestSetup.ps1')

  function Get-JsonRefusal {
    param([string]$Json)
    try { $null = ConvertFrom-TestJson $Json } catch { return $_.Exception.Message }
    return $null
  }
}

Describe 'RdpRepair.Interpreter speed, same answers' {
  Describe 'JSON reader' {
    # The messages of the recursive reader, case by case (each one's first failing check wins).
    It 'refuses <Json> with "<Message>"' -ForEach @(
      @{ Json = ''; Message = 'The batch JSON ends too early.' }
      @{ Json = '{'; Message = 'The batch JSON has a malformed object.' }
      @{ Json = '{"a"'; Message = 'The batch JSON ends too early.' }
      @{ Json = '{"a" 1}'; Message = 'The batch JSON has a malformed object.' }
      @{ Json = '{"a":'; Message = 'The batch JSON ends too early.' }
      @{ Json = '{"a":1'; Message = 'The batch JSON ends too early.' }
      @{ Json = '{"a":1,}'; Message = 'The batch JSON has a malformed object.' }
      @{ Json = '{"a":1 "b":2}'; Message = 'The batch JSON has a malformed object.' }
      @{ Json = '{1:2}'; Message = 'The batch JSON has a malformed object.' }
      @{ Json = '{"a":1,"a":2}'; Message = 'The batch JSON repeats a key.' }
      @{ Json = '{"a":1,"a"}'; Message = 'The batch JSON has a malformed object.' }
      @{ Json = '['; Message = 'The batch JSON ends too early.' }
      @{ Json = '[1'; Message = 'The batch JSON ends too early.' }
      @{ Json = '[1 2]'; Message = 'The batch JSON has a malformed array.' }
      @{ Json = '[1,]'; Message = 'The batch JSON has an unexpected token.' }
      @{ Json = '[1}'; Message = 'The batch JSON has a malformed array.' }
      @{ Json = ']'; Message = 'The batch JSON has an unexpected token.' }
      @{ Json = '{"a":1} x'; Message = 'The batch is not valid JSON (at character 7).' }
      @{ Json = '{"a":1} 2'; Message = 'The batch JSON has trailing data.' }
      @{ Json = ('[' * 201); Message = 'The batch JSON is nested too deeply.' }
      @{ Json = (('[' * 200) + '1'); Message = 'The batch JSON ends too early.' }
      @{ Json = (('{"a":' * 201) + '1' + ('}' * 201)); Message = 'The batch JSON is nested too deeply.' }
    ) {
      Get-JsonRefusal $Json | Should -BeExactly $Message
    }

    It 'reads nesting up to 200 deep and keeps empty arrays and objects as they were' {
      $deep = ConvertFrom-TestJson (('[' * 200) + '7' + (']' * 200))
      for ($i = 0; $i -lt 199; $i++) { $deep = $deep[0] }
      $deep | Should -Be 7
      $value = ConvertFrom-TestJson '{"e":[],"o":{},"n":[null],"x":[{"k":[1,{"m":"v"}]},2.5],"K":1,"k":2}'
      $value['e'].GetType() | Should -Be ([object[]])
      $value['e'].Length | Should -Be 0
      $value['o'] -is [System.Collections.Generic.Dictionary[string, object]] | Should -BeTrue
      $value['o'].Count | Should -Be 0
      $value['n'].Length | Should -Be 1
      $null -eq $value['n'][0] | Should -BeTrue
      $value['x'][0]['k'][1]['m'] | Should -BeExactly 'v'
      $value['x'][1].GetType() | Should -Be ([double])
      # Keys are compared ordinally: K and k are two keys.
      $value['K'] | Should -Be 1
      $value['k'] | Should -Be 2
      @($value.Keys) -join ',' | Should -BeExactly 'e,o,n,x,K,k'
    }
  }

  Describe 'a cmdlet this PowerShell does not have' {
    It 'fails the second time with the first error record, found without a search' {
      $answers = & $script:Module {
        $first = $null
        $second = $null
        try { Get-RdpRepairNoSuchCmdlet -Name x } catch { $first = $_; $null = ConvertTo-OpError $_ }
        try { Get-RdpRepairNoSuchCmdlet -Name x } catch { $second = $_ }
        , @($first, $second, (Get-Command -Name Get-RdpRepairNoSuchCmdlet).CommandType)
      }
      $answers[0].Exception | Should -BeOfType [System.Management.Automation.CommandNotFoundException]
      $answers[1].Exception | Should -Be $answers[0].Exception
      $answers[1].FullyQualifiedErrorId | Should -BeExactly $answers[0].FullyQualifiedErrorId
      $answers[2] | Should -Be 'Alias'
      # The stand-in stays inside the module: the session's own lookups are PowerShell's.
      Get-Command -Name Get-RdpRepairNoSuchCmdlet -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'gives the same op error every time' {
      $errors = & $script:Module {
        $found = @()
        foreach ($i in 1..2) { try { Get-RdpRepairNoSuchCmdlet } catch { $found += , (ConvertTo-OpError $_) } }
        , $found
      }
      $errors[1]['error']['code'] | Should -BeExactly $errors[0]['error']['code']
      $errors[1]['error']['message'] | Should -BeExactly $errors[0]['error']['message']
      $errors[0]['error']['message'] | Should -Match "^The term 'Get-RdpRepairNoSuchCmdlet' is not recognized"
    }

    It 'never remembers a program path (a missing gpupdate.exe is looked for again)' {
      $kind = & $script:Module {
        $program = Join-Path ([IO.Path]::GetTempPath()) 'rdp-repair-no-such-program.exe'
        try { & $program } catch { $null = ConvertTo-OpError $_ }
        , @($script:MissingCommands.ContainsKey($program), $null -ne (Get-Alias | Where-Object { $_.Name -eq $program }))
      }
      $kind[0] | Should -BeFalse
      $kind[1] | Should -BeFalse
    }
  }
}
