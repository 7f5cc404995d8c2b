import type { OpNameOf } from '../../../shared/ops.js';
import { type PreviewTable, psQuote } from './common.js';

/* The network family's preview. */

export const NETWORK_PREVIEW: PreviewTable<OpNameOf<'network'>> = {
  'net.probeTcp': (op) => [
    `(New-Object Net.Sockets.TcpClient).ConnectAsync(${psQuote(op.host)}, ${op.port}).Wait(${op.timeoutMs})`,
  ],
  'net.resolve': (op) => [`[Net.Dns]::GetHostAddresses(${psQuote(op.host)})`],
  'net.adapters': () => ['Get-NetAdapter', 'Get-VpnConnection'],
  'net.listeners': (op) => [
    `Get-NetTCPConnection -State Listen -LocalPort ${op.port} | ForEach-Object { Get-Process -Id $_.OwningProcess }`,
    'Get-NetIPAddress',
  ],
  'security.products': () => [
    "Get-CimInstance -Namespace 'root/SecurityCenter2' -ClassName AntiVirusProduct",
  ],
};
