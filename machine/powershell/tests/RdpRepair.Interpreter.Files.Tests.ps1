<#
  Pester 5 tests of the interpreter's file ops in the Documents folder: Windows attributes, and what runs
  anywhere.
  Setup shared with the other RdpRepair.Interpreter.*.Tests.ps1 files: RdpRepair.Interpreter.TestSetup.ps1.
#>

BeforeAll {
  . (Join-Path $PSScriptRoot 'RdpRepair.Interpreter.TestSetup.ps1')
}

Describe 'RdpRepair.Interpreter' {
BeforeEach { Initialize-TestSandbox }

AfterEach { Remove-TestSandbox }

Describe 'files' {
  It 'reads a hidden file (no -Force needed) and rewrites it with exact attributes' {
    Skip-UnlessWindows 'Windows file attributes (Hidden) and case-insensitive names'
    $path = Join-Path $script:Documents 'Default.rdp'
    [IO.File]::WriteAllBytes($path, [byte[]](0xFF, 0xFE, 0x41, 0x00))
    (Get-Item -LiteralPath $path).Attributes = 'Hidden'
    $results = (Invoke-Batch '{"mode":"write","ops":[{"op":"file.read","folder":"documents","name":"default.RDP"},{"op":"file.write","folder":"documents","name":"Default.rdp","contentBase64":"//5CAA==","attributes":["Hidden","ReadOnly"]},{"op":"file.read","folder":"documents","name":"Default.rdp"}]}')['results']
    $results[0]['value']['contentBase64'] | Should -Be '//5BAA=='
    @($results[0]['value']['attributes']) | Should -Be @('Hidden')
    $results[2]['value']['contentBase64'] | Should -Be '//5CAA=='
    @($results[2]['value']['attributes']) | Should -Be @('Hidden', 'ReadOnly')
  }
}

Describe 'files, anywhere' {
  It 'writes, reads and deletes a read-only file byte for byte' {
    $results = (Invoke-Batch '{"mode":"write","ops":[{"op":"file.write","folder":"documents","name":"Default.rdp","contentBase64":"//5BAA==","attributes":["ReadOnly"]},{"op":"file.read","folder":"documents","name":"Default.rdp"},{"op":"file.write","folder":"documents","name":"Default.rdp","contentBase64":"//5CAA==","attributes":[]},{"op":"file.read","folder":"documents","name":"Default.rdp"},{"op":"file.delete","folder":"documents","name":"Default.rdp"},{"op":"file.delete","folder":"documents","name":"Default.rdp"},{"op":"file.read","folder":"documents","name":"Default.rdp"}]}')['results']
    $results[1]['value']['contentBase64'] | Should -Be '//5BAA=='
    @($results[1]['value']['attributes']) | Should -Be @('ReadOnly')
    $results[3]['value']['contentBase64'] | Should -Be '//5CAA=='
    @($results[3]['value']['attributes']).Length | Should -Be 0
    $results[5]['ok'] | Should -BeTrue
    $results[6]['value']['exists'] | Should -BeFalse
  }

  It 'works with a Documents folder at the root of a drive (D:\ on Windows, / here)' {
    $drive = [IO.Path]::GetPathRoot($script:Documents)
    $name = 'rdp-repair-pester-' + [guid]::NewGuid().ToString('N') + '.rdp'
    $raw = Invoke-RdpRepairBatch -EncodedBatch (ConvertTo-EncodedBatch ('{"mode":"read","ops":[{"op":"file.read","folder":"documents","name":"' + $name + '"}]}')) -DocumentsFolder $drive
    (ConvertFrom-TestJson $raw)['results'][0]['value']['exists'] | Should -BeFalse
  }

  It 'resolves a file directly in a Documents folder given with a trailing separator' {
    $raw = Invoke-RdpRepairBatch -EncodedBatch (ConvertTo-EncodedBatch '{"mode":"read","ops":[{"op":"file.read","folder":"documents","name":"x.rdp"}]}') -DocumentsFolder ($script:Documents + [IO.Path]::DirectorySeparatorChar)
    (ConvertFrom-TestJson $raw)['results'][0]['ok'] | Should -BeTrue
  }
}
}
