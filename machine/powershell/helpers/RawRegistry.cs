// Registry values of types that .NET's RegistryKey cannot name (REG_NONE, REG_DWORD_BIG_ENDIAN, a program's own
// type numbers), so a backup of a key restores them exactly. Compiled ahead of time like CredentialStore.cs.

using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using Microsoft.Win32;
using Microsoft.Win32.SafeHandles;

namespace RdpRepair
{
    public sealed class RawRegistryValue
    {
        public uint Type;
        public byte[] Data;
    }

    // Values of types .NET's RegistryKey does not name, read and written as their type number and bytes.
    public static class RawRegistry
    {
        [DllImport("advapi32.dll", EntryPoint = "RegQueryValueExW", CharSet = CharSet.Unicode)]
        private static extern int RegQueryValueEx(SafeRegistryHandle key, string name, IntPtr reserved, out uint type, byte[] data, ref uint size);

        [DllImport("advapi32.dll", EntryPoint = "RegSetValueExW", CharSet = CharSet.Unicode)]
        private static extern int RegSetValueEx(SafeRegistryHandle key, string name, int reserved, uint type, byte[] data, uint size);

        private const int ErrorMoreData = 234;

        public static RawRegistryValue Read(RegistryKey key, string name)
        {
            uint type;
            uint size = 0;
            int error = RegQueryValueEx(key.Handle, name, IntPtr.Zero, out type, null, ref size);
            if (error != 0 && error != ErrorMoreData) throw new Win32Exception(error);
            // Grown and retried a few times: the value can change between the two calls.
            for (int attempt = 0; attempt < 4; attempt++)
            {
                byte[] data = new byte[size];
                uint got = size;
                error = RegQueryValueEx(key.Handle, name, IntPtr.Zero, out type, data, ref got);
                if (error == 0)
                {
                    Array.Resize(ref data, (int)got);
                    return new RawRegistryValue { Type = type, Data = data };
                }
                if (error != ErrorMoreData) throw new Win32Exception(error);
                size = got;
            }
            throw new Win32Exception(ErrorMoreData);
        }

        public static void Write(RegistryKey key, string name, uint type, byte[] data)
        {
            int error = RegSetValueEx(key.Handle, name, 0, type, data, (uint)data.Length);
            if (error != 0) throw new Win32Exception(error);
        }
    }
}
