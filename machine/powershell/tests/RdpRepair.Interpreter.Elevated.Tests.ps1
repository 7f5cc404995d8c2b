<#
  Pester 5 tests of the elevated launcher (elevated/Invoke-ElevatedBatch.ps1): it runs the batch from its launch
  text and answers over the pipe after the nonce; a module hash, pipe name or nonce that does not match runs
  nothing.
  Setup shared with the other RdpRepair.Interpreter.*.Tests.ps1 files: RdpRepair.Interpreter.TestSetup.ps1.
#>

BeforeAll {
  . (Join-Path $PSScriptRoot 'RdpRepair.Interpreter.TestSetup.ps1')
}

Describe 'RdpRepair.Interpreter' {
BeforeEach { Initialize-TestSandbox }

AfterEach { Remove-TestSandbox }

Describe 'elevated launcher' {
  BeforeAll {
    # The answer as the app receives it over its pipe: the nonce line, then the document.
    function Read-Answer {
      if (-not $script:Connected.Wait(10000)) { return $null }
      $reader = New-Object IO.StreamReader ($script:Server, (New-Object Text.UTF8Encoding $false))
      return $reader.ReadToEnd()
    }
  }
  BeforeEach {
    $script:PipeName = 'rdp-repair-' + [guid]::NewGuid().ToString('N').Substring(0, 24)
    $script:Nonce = [guid]::NewGuid().ToString('N')
    $script:Batch = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('{"mode":"read","elevated":true,"ops":[{"op":"net.resolve","host":"127.0.0.1"}]}'))
    $sha = [Security.Cryptography.SHA256]::Create()
    $script:ModuleHash = ([BitConverter]::ToString($sha.ComputeHash([IO.File]::ReadAllBytes($script:ModulePath))) -replace '-', '').ToLowerInvariant()
    # As the app does: the pipe exists before the elevated side starts, and waits for one connection.
    $script:Server = New-Object System.IO.Pipes.NamedPipeServerStream ($script:PipeName, [System.IO.Pipes.PipeDirection]::In)
    $script:Connected = $script:Server.WaitForConnectionAsync()
  }
  AfterEach { $script:Server.Dispose() }

  It 'runs the batch from its launch text and answers over the pipe, after the nonce' {
    $shell = $script:Shell
    & $shell -NoProfile -ExecutionPolicy Bypass -File $script:LauncherPath -ModulePath $script:ModulePath -ModuleHash $script:ModuleHash -EncodedBatch $script:Batch -PipeName $script:PipeName -Nonce $script:Nonce
    $LASTEXITCODE | Should -Be 0
    $answer = Read-Answer
    $answer.StartsWith($script:Nonce + "`n") | Should -BeTrue
    $document = ConvertFrom-TestJson ($answer.Substring($script:Nonce.Length + 1))
    $document['results'][0]['ok'] | Should -BeTrue
    @($document['results'][0]['value']['addresses']) | Should -Be @('127.0.0.1')
  }

  It 'refuses a module whose hash does not match, running nothing' {
    $shell = $script:Shell
    $wrong = 'a' * 64
    & $shell -NoProfile -ExecutionPolicy Bypass -File $script:LauncherPath -ModulePath $script:ModulePath -ModuleHash $wrong -EncodedBatch $script:Batch -PipeName $script:PipeName -Nonce $script:Nonce
    $LASTEXITCODE | Should -Be 3
    $answer = Read-Answer
    $document = ConvertFrom-TestJson ($answer.Substring($script:Nonce.Length + 1))
    $document.ContainsKey('results') | Should -BeFalse
    $document['error']['message'] | Should -Match 'SHA-256'
  }

  It 'runs nothing and dials no pipe for a pipe name or nonce that is not its own shape' {
    $shell = $script:Shell
    & $shell -NoProfile -ExecutionPolicy Bypass -File $script:LauncherPath -ModulePath $script:ModulePath -ModuleHash $script:ModuleHash -EncodedBatch $script:Batch -PipeName '..\evil' -Nonce $script:Nonce
    $LASTEXITCODE | Should -Be 2
    $script:Connected.IsCompleted | Should -BeFalse
  }
}
}
