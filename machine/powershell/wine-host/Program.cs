// RdpRepair.WineHost: runs the interpreter module in one PowerShell runspace and answers batches, one per line.
//
// Usage: RdpRepair.WineHost.exe <path of RdpRepair.Interpreter.psm1>
// Protocol (UTF-8, one JSON object per line each way):
//   out, once: {"ready":true,"powershell":"7.6.9","os":"..."} when the module is imported
//   in:  {"kind":"batch","encodedBatch":"<base64>","testRegistryRoot":"HKCU\\Software\\RdpRepairContractTest\\<id>",
//         "documentsFolder":"C:\\..."}
//   out: the module's own JSON answer, exactly as the app receives it
//   in:  {"kind":"seedCredential","target":"TERMSRV/x","type":"Generic"|"DomainPassword","user":"u","secret":"s"}
//   out: {"ok":true} or {"ok":false,"error":"..."} (sets up a starting machine; the module never makes these)
//   in:  {"kind":"seedRegistryKey","subKey":"Software\\RdpRepairContractTest\\<id>\\HKLM\\...","values":{"name":
//         {"type":"REG_DWORD","data":0}}} (a key under a read-only root, which the module rightly never writes)
//   out: {"ok":true}
//   out, on a request it cannot serve: {"hostError":"..."}
// It exits when stdin closes. Nothing here decides an answer: every batch goes to Invoke-RdpRepairBatch.

using System;
using System.Collections.ObjectModel;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

// A Windows program: it runs under Wine (or Windows), never on Linux's own .NET.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("windows")]

namespace RdpRepair.WineHost;

internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length != 1 || !File.Exists(args[0]))
        {
            Console.Error.WriteLine("usage: RdpRepair.WineHost <RdpRepair.Interpreter.psm1>");
            return 2;
        }
        Console.OutputEncoding = new UTF8Encoding(false);
        var state = InitialSessionState.CreateDefault();
        state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
        using var runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
        using (var import = PowerShell.Create(runspace))
        {
            import.AddCommand("Import-Module").AddParameter("Name", args[0]).AddParameter("ErrorAction", "Stop");
            import.Invoke();
            var version = PowerShell.Create(runspace).AddScript("$PSVersionTable.PSVersion.ToString()").Invoke();
            Answer(new JsonObject
            {
                ["ready"] = true,
                ["powershell"] = version.Count > 0 ? version[0].ToString() : "",
                ["os"] = Environment.OSVersion.VersionString,
            }.ToJsonString());
        }
        string? line;
        while ((line = Console.In.ReadLine()) != null)
        {
            if (line.Length == 0) continue;
            Answer(Serve(runspace, line));
        }
        return 0;
    }

    private static void Answer(string json)
    {
        Console.Out.Write(json);
        Console.Out.Write('\n');
        Console.Out.Flush();
    }

    private static string HostError(string message) => new JsonObject { ["hostError"] = message }.ToJsonString();

    private static string Serve(Runspace runspace, string line)
    {
        JsonObject request;
        try
        {
            request = JsonNode.Parse(line) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException e)
        {
            return HostError("not a JSON request: " + e.Message);
        }
        return (string?)request["kind"] switch
        {
            "batch" => RunBatch(runspace, request),
            "seedCredential" => SeedCredential(request),
            "seedRegistryKey" => RegistrySeed.Write(request),
            _ => HostError("unknown request kind"),
        };
    }

    private static string RunBatch(Runspace runspace, JsonObject request)
    {
        using var shell = PowerShell.Create(runspace);
        shell.AddCommand("Invoke-RdpRepairBatch").AddParameter("EncodedBatch", (string?)request["encodedBatch"] ?? "");
        if (request["testRegistryRoot"] is JsonValue root) shell.AddParameter("TestRegistryRoot", (string?)root);
        if (request["documentsFolder"] is JsonValue documents) shell.AddParameter("DocumentsFolder", (string?)documents);
        Collection<PSObject> output;
        try
        {
            output = shell.Invoke();
        }
        catch (RuntimeException e)
        {
            return HostError("Invoke-RdpRepairBatch threw: " + e.Message);
        }
        if (shell.HadErrors && output.Count == 0)
            return HostError("Invoke-RdpRepairBatch wrote errors: " + string.Join("; ", shell.Streams.Error));
        if (output.Count != 1) return HostError("Invoke-RdpRepairBatch answered " + output.Count + " objects");
        return output[0].ToString();
    }

    private static string SeedCredential(JsonObject request)
    {
        var type = (string?)request["type"] switch
        {
            "Generic" => 1u,
            "DomainPassword" => 2u,
            _ => 0u,
        };
        var target = (string?)request["target"];
        if (type == 0 || string.IsNullOrEmpty(target)) return HostError("seedCredential needs a target and a type");
        var error = CredentialSeed.Write(target, type, (string?)request["user"] ?? "", (string?)request["secret"] ?? "");
        return error == 0
            ? new JsonObject { ["ok"] = true }.ToJsonString()
            : new JsonObject { ["ok"] = false, ["error"] = "CredWrite failed with Win32 error " + error }.ToJsonString();
    }
}

/// <summary>Writes a saved password as Windows' own cmdkey would, to set up a starting machine.</summary>
internal static class CredentialSeed
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

    [DllImport("advapi32.dll", EntryPoint = "CredWriteW", CharSet = CharSet.Unicode, SetLastError = true)]
    private static extern bool CredWrite(ref Credential credential, uint flags);

    private const uint PersistLocalMachine = 2;

    /// <returns>0, or the Win32 error of CredWrite.</returns>
    public static int Write(string target, uint type, string user, string secret)
    {
        var blob = Encoding.Unicode.GetBytes(secret);
        var credential = new Credential
        {
            Type = type,
            Persist = PersistLocalMachine,
            CredentialBlobSize = (uint)blob.Length,
            TargetName = Marshal.StringToCoTaskMemUni(target),
            UserName = Marshal.StringToCoTaskMemUni(user),
            CredentialBlob = Marshal.AllocHGlobal(Math.Max(1, blob.Length)),
        };
        try
        {
            Marshal.Copy(blob, 0, credential.CredentialBlob, blob.Length);
            return CredWrite(ref credential, 0) ? 0 : Marshal.GetLastWin32Error();
        }
        finally
        {
            Marshal.FreeHGlobal(credential.CredentialBlob);
            Marshal.FreeCoTaskMem(credential.TargetName);
            Marshal.FreeCoTaskMem(credential.UserName);
        }
    }
}

/// <summary>Writes one key of a starting machine under the contract tests' HKCU subtree, nowhere else.</summary>
internal static class RegistrySeed
{
    private const string TestRoot = "Software\\RdpRepairContractTest\\";

    public static string Write(JsonObject request)
    {
        var subKey = (string?)request["subKey"] ?? "";
        if (!subKey.StartsWith(TestRoot, StringComparison.OrdinalIgnoreCase) || subKey.Contains("\\..", StringComparison.Ordinal))
            return Error("seedRegistryKey writes only below HKCU\\" + TestRoot);
        if (request["values"] is not JsonObject values) return Error("seedRegistryKey needs values");
        using var key = Microsoft.Win32.Registry.CurrentUser.CreateSubKey(subKey, true);
        foreach (var (name, node) in values)
        {
            if (node is not JsonObject value) return Error("a value is not an object: " + name);
            var data = value["data"];
            switch ((string?)value["type"])
            {
                case "REG_SZ": key.SetValue(name, (string?)data ?? "", Microsoft.Win32.RegistryValueKind.String); break;
                case "REG_EXPAND_SZ": key.SetValue(name, (string?)data ?? "", Microsoft.Win32.RegistryValueKind.ExpandString); break;
                case "REG_MULTI_SZ":
                    var lines = new System.Collections.Generic.List<string>();
                    foreach (var line in data as JsonArray ?? new JsonArray()) lines.Add((string?)line ?? "");
                    key.SetValue(name, lines.ToArray(), Microsoft.Win32.RegistryValueKind.MultiString);
                    break;
                case "REG_DWORD": key.SetValue(name, unchecked((int)(uint)(data?.GetValue<long>() ?? 0)), Microsoft.Win32.RegistryValueKind.DWord); break;
                case "REG_QWORD": key.SetValue(name, unchecked((long)ulong.Parse((string?)data ?? "0", System.Globalization.CultureInfo.InvariantCulture)), Microsoft.Win32.RegistryValueKind.QWord); break;
                case "REG_BINARY": key.SetValue(name, Convert.FromHexString((string?)data ?? ""), Microsoft.Win32.RegistryValueKind.Binary); break;
                default: return Error("seedRegistryKey cannot write a value of type " + (string?)value["type"]);
            }
        }
        return new JsonObject { ["ok"] = true }.ToJsonString();
    }

    private static string Error(string message) => new JsonObject { ["hostError"] = message }.ToJsonString();
}
