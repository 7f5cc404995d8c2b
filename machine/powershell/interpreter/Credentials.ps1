# ---------------------------------------------------------------- saved credentials (Win32 API, not cmdkey)

$script:CredentialSource = @'
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace RdpRepair
{
    public static class CredentialStore
    {
        [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
        private struct Credential
        {
            public uint Flags;
            public uint Type;
            public IntPtr TargetName;
            public IntPtr Comment;
            public System.Runtime.InteropServices.ComTypes.FILETIME LastWritten;
            public uint CredentialBlobSize;
            public IntPtr CredentialBlob;
            public uint Persist;
            public uint AttributeCount;
            public IntPtr Attributes;
            public IntPtr TargetAlias;
            public IntPtr UserName;
        }

        [DllImport("advapi32.dll", EntryPoint = "CredEnumerateW", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern bool CredEnumerate(string filter, uint flags, out uint count, out IntPtr credentials);

        [DllImport("advapi32.dll", EntryPoint = "CredDeleteW", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern bool CredDelete(string target, uint type, uint flags);

        [DllImport("advapi32.dll")]
        private static extern void CredFree(IntPtr buffer);

        private const int ErrorNotFound = 1168;

        // Target, type and user name only: the password blob is never read.
        public static string[][] List(string filter)
        {
            uint count;
            IntPtr list;
            var result = new List<string[]>();
            if (!CredEnumerate(filter, 0, out count, out list))
            {
                int error = Marshal.GetLastWin32Error();
                if (error == ErrorNotFound) return result.ToArray();
                throw new System.ComponentModel.Win32Exception(error);
            }
            try
            {
                for (int i = 0; i < count; i++)
                {
                    IntPtr item = Marshal.ReadIntPtr(list, i * IntPtr.Size);
                    var credential = (Credential)Marshal.PtrToStructure(item, typeof(Credential));
                    result.Add(new[] {
                        Marshal.PtrToStringUni(credential.TargetName) ?? "",
                        credential.Type.ToString(),
                        Marshal.PtrToStringUni(credential.UserName) ?? ""
                    });
                }
            }
            finally
            {
                CredFree(list);
            }
            return result.ToArray();
        }

        // 0 when deleted or already absent, else the Win32 error.
        public static int Delete(string target, uint type)
        {
            if (CredDelete(target, type, 0)) return 0;
            int error = Marshal.GetLastWin32Error();
            return error == ErrorNotFound ? 0 : error;
        }
    }
}
'@

# Returns the compiled helper type; referenced through a variable because it exists only after Add-Type.
function Import-CredentialStore {
  if ($null -eq ('RdpRepair.CredentialStore' -as [type])) { Add-Type -TypeDefinition $script:CredentialSource -Language CSharp }
  return ('RdpRepair.CredentialStore' -as [type])
}

function Assert-UserScope {
  param([string]$What)
  if ($script:Elevated) { throw (Get-InvalidArgument "$What is never done from the elevated batch.") }
}

function Invoke-OpCredentialList {
  param($Op)
  Assert-UserScope 'Reading saved passwords'
  $prefix = Get-ChoiceField $Op 'targetPrefix' @($script:CredentialTargetPrefix)
  $store = Import-CredentialStore
  $credentials = New-Object 'System.Collections.Generic.List[object]'
  foreach ($entry in $store::List($prefix + '*')) {
    $type = $null
    if ($entry[1] -eq '1') { $type = 'Generic' } elseif ($entry[1] -eq '2') { $type = 'DomainPassword' }
    # The filter is a wildcard match; keep only true TERMSRV/ targets and the two types the app handles.
    if ($null -eq $type -or -not $entry[0].StartsWith($prefix, [StringComparison]::OrdinalIgnoreCase)) { continue }
    $credentials.Add([ordered]@{ target = $entry[0]; type = $type; user = $entry[2] })
  }
  $script:OpValue = $credentials.ToArray()
}

function Invoke-OpCredentialDelete {
  param($Op)
  Assert-UserScope 'Deleting saved passwords'
  $target = Get-StringField $Op 'target' 9 300
  if (-not $target.StartsWith($script:CredentialTargetPrefix, [StringComparison]::OrdinalIgnoreCase) -or $target -match '[\x00-\x1f]') {
    throw (Get-InvalidArgument 'Only saved Remote Desktop passwords (TERMSRV/...) can be deleted.')
  }
  $type = Get-ChoiceField $Op 'type' @('DomainPassword', 'Generic')
  $typeId = 1
  if ($type -eq 'DomainPassword') { $typeId = 2 }
  $store = Import-CredentialStore
  $errorCode = $store::Delete($target, [uint32]$typeId)
  if ($errorCode -eq 5) { throw (Get-TypedException 'access-denied' 'Windows refused to delete the saved password.') }
  if ($errorCode -ne 0) { throw (Get-TypedException 'failed' "Windows could not delete the saved password (error $errorCode).") }
  $script:OpValue = $null
}

