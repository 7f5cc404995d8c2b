import type { Repair } from '../repair.js';
import { certificatesRepair } from './certificates.js';
import { connectivityRepair } from './connectivity.js';
import { eventLogsRepair } from './event-logs.js';
import { hostPortRepair } from './host-port.js';
import { hostServicesRepair } from './host-services.js';
import { hostSettingsRepair } from './host-settings.js';
import { rdpHandshakeRepair } from './rdp-handshake.js';
import { withLocalRelay } from './rdp-handshake-local-relay.js';
import { withTlsClientSettings } from './rdp-handshake-tls-client.js';
import { savedCredentialsRepair } from './saved-credentials.js';
import { savedHostEntryRepair } from './saved-host-entry.js';
import { securitySoftwareRepair } from './security-software.js';
import { udpTransportRepair } from './udp-transport.js';
import { vpnRepair } from './vpn.js';

/** Every repair the engine runs, in REPAIR_IDS order (the article's order). Adding a repair is one line here. */
export const REPAIRS: readonly Repair[] = [
  udpTransportRepair,
  certificatesRepair,
  savedHostEntryRepair,
  savedCredentialsRepair,
  vpnRepair,
  securitySoftwareRepair,
  connectivityRepair,
  eventLogsRepair,
  // The handshake check also knows a target that is this PC (a relay), and judges this PC's TLS settings
  // against the remote computer's map (issue 24); a TLS mismatch is said before the relay.
  withTlsClientSettings(withLocalRelay(rdpHandshakeRepair)),
  // This PC as a host (issue 25): the services Remote Desktop needs to accept connections, and its port.
  hostServicesRepair,
  hostPortRepair,
  hostSettingsRepair,
];
