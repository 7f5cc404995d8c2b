import type { Op } from '../../shared/ops.js';

/*
 * What the warm-up reads once the interpreter is loaded, before the first check: one small read of each kind
 * the check makes (the same keys, folder, store and service it reads), so PowerShell has run each of the
 * interpreter's read paths once (the first call of a function and of a cmdlet, loading the event-log, CIM and
 * certificate code) while nobody waits. Only reads, none of which leaves this computer: the results are dropped.
 */
export function warmUpReads(now: Date): Op[] {
  return [
    { op: 'system.facts' },
    {
      op: 'registry.readValue',
      path: 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server',
      name: 'fDenyTSConnections',
    },
    { op: 'registry.readKey', path: 'HKCU\\Software\\Microsoft\\Terminal Server Client\\Default' },
    { op: 'service.status', name: 'TermService' },
    { op: 'file.read', folder: 'documents', name: 'Default.rdp' },
    { op: 'credential.list', targetPrefix: 'TERMSRV/' },
    { op: 'certificate.list', store: 'LocalMachine\\Remote Desktop' },
    {
      op: 'events.query',
      channel: 'Microsoft-Windows-TerminalServices-RDPClient/Operational',
      since: now.toISOString(),
      max: 1,
    },
    { op: 'net.adapters' },
    { op: 'security.products' },
    { op: 'net.resolve', host: 'localhost' },
  ];
}
