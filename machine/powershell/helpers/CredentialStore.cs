// Saved Remote Desktop passwords through the Win32 Credential Manager API (CredEnumerate, CredRead, CredWrite,
// CredDelete) and DPAPI for their backups: PowerShell has no cmdlet for these, and cmdkey cannot read a backup.
// Compiled ahead of time into RdpRepair.Helpers.dll, which the interpreter module embeds and loads from bytes.

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

        [DllImport("advapi32.dll", EntryPoint = "CredReadW", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern bool CredRead(string target, uint type, uint flags, out IntPtr credential);

        [DllImport("advapi32.dll", EntryPoint = "CredWriteW", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern bool CredWrite(ref Credential credential, uint flags);

        [StructLayout(LayoutKind.Sequential)]
        private struct DataBlob
        {
            public int Size;
            public IntPtr Data;
        }

        [DllImport("crypt32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
        private static extern bool CryptProtectData(ref DataBlob input, string description, IntPtr entropy, IntPtr reserved, IntPtr prompt, uint flags, out DataBlob output);

        [DllImport("crypt32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
        private static extern bool CryptUnprotectData(ref DataBlob input, IntPtr description, IntPtr entropy, IntPtr reserved, IntPtr prompt, uint flags, out DataBlob output);

        [DllImport("kernel32.dll")]
        private static extern IntPtr LocalFree(IntPtr memory);

        private const uint CryptProtectUiForbidden = 0x1;

        // DPAPI for the current user: only this user on this computer can turn the backup back into the secret.
        private static byte[] Dpapi(byte[] data, bool protect)
        {
            var input = new DataBlob { Size = data.Length, Data = Marshal.AllocHGlobal(Math.Max(1, data.Length)) };
            try
            {
                Marshal.Copy(data, 0, input.Data, data.Length);
                DataBlob output;
                bool done = protect
                    ? CryptProtectData(ref input, "RDP Repair backup", IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, CryptProtectUiForbidden, out output)
                    : CryptUnprotectData(ref input, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, CryptProtectUiForbidden, out output);
                if (!done) throw new System.ComponentModel.Win32Exception(Marshal.GetLastWin32Error());
                try
                {
                    var result = new byte[output.Size];
                    Marshal.Copy(output.Data, result, 0, output.Size);
                    return result;
                }
                finally { LocalFree(output.Data); }
            }
            finally { Marshal.FreeHGlobal(input.Data); }
        }

        // A generic credential for its backup: [user, persist, DPAPI-protected secret as base64], or null when absent.
        public static string[] ReadGeneric(string target)
        {
            IntPtr pointer;
            if (!CredRead(target, 1, 0, out pointer))
            {
                int error = Marshal.GetLastWin32Error();
                if (error == ErrorNotFound) return null;
                throw new System.ComponentModel.Win32Exception(error);
            }
            try
            {
                var credential = (Credential)Marshal.PtrToStructure(pointer, typeof(Credential));
                var secret = new byte[credential.CredentialBlobSize];
                if (secret.Length > 0) Marshal.Copy(credential.CredentialBlob, secret, 0, secret.Length);
                var protectedSecret = Dpapi(secret, true);
                Array.Clear(secret, 0, secret.Length);
                return new[] { Marshal.PtrToStringUni(credential.UserName) ?? "", credential.Persist.ToString(), Convert.ToBase64String(protectedSecret) };
            }
            finally { CredFree(pointer); }
        }

        public static void WriteGeneric(string target, string user, uint persist, string protectedSecretBase64)
        {
            var secret = Dpapi(Convert.FromBase64String(protectedSecretBase64), false);
            var credential = new Credential { Type = 1, Persist = persist, CredentialBlobSize = (uint)secret.Length };
            credential.TargetName = Marshal.StringToCoTaskMemUni(target);
            credential.UserName = Marshal.StringToCoTaskMemUni(user);
            credential.CredentialBlob = Marshal.AllocHGlobal(Math.Max(1, secret.Length));
            try
            {
                Marshal.Copy(secret, 0, credential.CredentialBlob, secret.Length);
                if (!CredWrite(ref credential, 0)) throw new System.ComponentModel.Win32Exception(Marshal.GetLastWin32Error());
            }
            finally
            {
                Array.Clear(secret, 0, secret.Length);
                Marshal.FreeHGlobal(credential.CredentialBlob);
                Marshal.FreeCoTaskMem(credential.TargetName);
                Marshal.FreeCoTaskMem(credential.UserName);
            }
        }

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
