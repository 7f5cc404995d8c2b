/*
 * Remote Desktop client disconnect reasons, as documented for the ActiveX client
 * (IMsTscAxEvents::OnDisconnected, ExtendedDisconnectReasonCode). Event 1026 in the RDPClient/Operational log
 * records the same codes, so the app and the forum report can say what a code means in words.
 */

interface ReasonEntry {
  /** The documented constant, e.g. disconnectReasonAtClientWinsockFDCLOSE. */
  name: string;
  /** Lower-case phrase that reads inside a sentence. */
  text: string;
}

export const DISCONNECT_REASONS: ReadonlyMap<number, ReasonEntry> = new Map([
  [0, { name: 'disconnectReasonNoInfo', text: 'no information is available' }],
  [1, { name: 'disconnectReasonLocalNotError', text: 'local disconnection (not an error)' }],
  [2, { name: 'disconnectReasonRemoteByUser', text: 'remote disconnection by user (not an error)' }],
  [3, { name: 'disconnectReasonByServer', text: 'remote disconnection by server (not an error)' }],
  [260, { name: 'disconnectReasonDNSLookupFailed', text: 'DNS name lookup failure' }],
  [262, { name: 'disconnectReasonOutOfMemory', text: 'out of memory' }],
  [264, { name: 'disconnectReasonConnectionTimedOut', text: 'connection timed out' }],
  [516, { name: 'disconnectReasonSocketConnectFailed', text: 'Windows Sockets connect failed' }],
  [518, { name: 'disconnectReasonOutOfMemory2', text: 'out of memory' }],
  [520, { name: 'disconnectReasonHostNotFound', text: 'host not found' }],
  [772, { name: 'disconnectReasonWinsockSendFailed', text: 'Windows Sockets send call failed' }],
  [774, { name: 'disconnectReasonOutOfMemory3', text: 'out of memory' }],
  [776, { name: 'disconnectReasonInvalidIPAddr', text: 'invalid IP address specified' }],
  [1028, { name: 'disconnectReasonSocketRecvFailed', text: 'Windows Sockets recv call failed' }],
  [1030, { name: 'disconnectReasonInvalidSecurityData', text: 'invalid security data' }],
  [1032, { name: 'disconnectReasonInternalError', text: 'internal error' }],
  [1286, { name: 'disconnectReasonInvalidEncryption', text: 'invalid encryption method specified' }],
  [1288, { name: 'disconnectReasonDNSLookupFailed2', text: 'DNS lookup failed' }],
  [1540, { name: 'disconnectReasonGetHostByNameFailed', text: 'Windows Sockets gethostbyname call failed' }],
  [1542, { name: 'disconnectReasonInvalidServerSecurityInfo', text: 'invalid server security data' }],
  [1544, { name: 'disconnectReasonTimerError', text: 'internal timer error' }],
  [1796, { name: 'disconnectReasonTimeoutOccurred', text: 'time-out occurred' }],
  [1798, { name: 'disconnectReasonServerCertificateUnpackErr', text: 'failed to unpack server certificate' }],
  [2052, { name: 'disconnectReasonInvalidIP', text: 'bad IP address specified' }],
  // SSL_ERR codes the client writes for a failed CredSSP/TLS stage (Wincred.h), beside the OnDisconnected table.
  [2055, { name: 'SSL_ERR_LOGON_FAILURE', text: 'the sign-in failed (wrong user name or password)' }],
  [2056, { name: 'disconnectReasonLicensingFailed', text: 'license negotiation failed' }],
  [2308, { name: 'disconnectReasonAtClientWinsockFDCLOSE', text: 'socket closed' }],
  [2310, { name: 'disconnectReasonInternalSecurityError', text: 'internal security error' }],
  [2312, { name: 'disconnectReasonLicensingTimeout', text: 'licensing time-out' }],
  [2566, { name: 'disconnectReasonInternalSecurityError2', text: 'internal security error' }],
  [2822, { name: 'disconnectReasonEncryptionError', text: 'encryption error' }],
  [3078, { name: 'disconnectReasonDecryptionError', text: 'decryption error' }],
  [3080, { name: 'disconnectReasonClientDecompressionError', text: 'decompression error' }],
  [6919, { name: 'SSL_ERR_CERT_EXPIRED', text: "the remote computer's certificate has expired" }],
]);

export const EXTENDED_DISCONNECT_REASONS: ReadonlyMap<number, ReasonEntry> = new Map([
  [0, { name: 'exDiscReasonNoInfo', text: 'no additional information is available' }],
  [1, { name: 'exDiscReasonAPIInitiatedDisconnect', text: 'an application initiated the disconnection' }],
  [2, { name: 'exDiscReasonAPIInitiatedLogoff', text: 'an application logged off the client' }],
  [3, { name: 'exDiscReasonServerIdleTimeout', text: 'the server disconnected an idle session' }],
  [4, { name: 'exDiscReasonServerLogonTimeout', text: 'the server logon time-out expired' }],
  [5, { name: 'exDiscReasonReplacedByOtherConnection', text: 'the connection was replaced by another one' }],
  [6, { name: 'exDiscReasonOutOfMemory', text: 'no memory is available' }],
  [7, { name: 'exDiscReasonServerDeniedConnection', text: 'the server denied the connection' }],
  [
    8,
    {
      name: 'exDiscReasonServerDeniedConnectionFips',
      text: 'the server denied the connection for security reasons (FIPS)',
    },
  ],
  [
    9,
    {
      name: 'exDiscReasonServerInsufficientPrivileges',
      text: 'the user has insufficient privileges to connect',
    },
  ],
  [
    10,
    {
      name: 'exDiscReasonServerFreshCredsRequired',
      text: 'the server does not accept saved credentials; they must be typed',
    },
  ],
  [
    11,
    {
      name: 'exDiscReasonRpcInitiatedDisconnectByUser',
      text: 'an administrative tool on the server disconnected the session',
    },
  ],
  [12, { name: 'exDiscReasonLogoffByUser', text: 'the user logged off the session on the server' }],
  [256, { name: 'exDiscReasonLicenseInternal', text: 'internal error in Remote Desktop licensing' }],
  [257, { name: 'exDiscReasonLicenseNoLicenseServer', text: 'no Remote Desktop license server was found' }],
  [258, { name: 'exDiscReasonLicenseNoLicense', text: 'no client access license is available' }],
  [
    259,
    { name: 'exDiscReasonLicenseErrClientMsg', text: 'the server received an invalid licensing message' },
  ],
  [
    260,
    {
      name: 'exDiscReasonLicenseHwidDoesntMatchLicense',
      text: 'the stored client access license was modified',
    },
  ],
  [
    261,
    {
      name: 'exDiscReasonLicenseErrClientLicense',
      text: 'the stored client access license has an invalid format',
    },
  ],
  [
    262,
    {
      name: 'exDiscReasonLicenseCantFinishProtocol',
      text: 'network problems stopped the licensing protocol',
    },
  ],
  [
    263,
    { name: 'exDiscReasonLicenseClientEndedProtocol', text: 'the client ended the licensing protocol early' },
  ],
  [
    264,
    { name: 'exDiscReasonLicenseErrClientEncryption', text: 'a licensing message was incorrectly encrypted' },
  ],
  [
    265,
    {
      name: 'exDiscReasonLicenseCantUpgradeLicense',
      text: 'the stored client access license could not be upgraded or renewed',
    },
  ],
  [
    266,
    {
      name: 'exDiscReasonLicenseNoRemoteConnections',
      text: 'the remote computer is not licensed to accept remote connections',
    },
  ],
  [
    267,
    {
      name: 'exDiscReasonLicenseCreatingLicStoreAccDenied',
      text: 'access was denied while creating the license store',
    },
  ],
  [768, { name: 'exDiscReasonRdpEncInvalidCredentials', text: 'invalid credentials were encountered' }],
]);

// Documented as a range: the server's protocol stack reports its own error codes in it.
const PROTOCOL_RANGE_START = 4096;
const PROTOCOL_RANGE_END = 32767;

export function hexCode(code: number): string {
  return `0x${code.toString(16).toUpperCase()}`;
}

/** E.g. 2308 → "socket closed (0x904)". Unknown codes are said to be unknown, with the number kept. */
export function describeDisconnectReason(code: number): string {
  if (!Number.isInteger(code) || code < 0) return `unknown disconnect reason ${String(code)}`;
  const entry = DISCONNECT_REASONS.get(code);
  return entry ? `${entry.text} (${hexCode(code)})` : `unknown disconnect reason ${code} (${hexCode(code)})`;
}

/** E.g. 7 → "the server denied the connection (extended 0x7)". */
export function describeExtendedDisconnectReason(code: number): string {
  if (!Number.isInteger(code) || code < 0) return `unknown extended reason ${String(code)}`;
  const entry = EXTENDED_DISCONNECT_REASONS.get(code);
  if (entry) return `${entry.text} (extended ${hexCode(code)})`;
  if (code >= PROTOCOL_RANGE_START && code <= PROTOCOL_RANGE_END) {
    return `Remote Desktop protocol error on the server (extended ${hexCode(code)})`;
  }
  return `unknown extended reason ${code} (extended ${hexCode(code)})`;
}

/** The documented constant name, for people searching the web for it. */
export function disconnectReasonName(code: number): string | undefined {
  return DISCONNECT_REASONS.get(code)?.name;
}

export function extendedDisconnectReasonName(code: number): string | undefined {
  return EXTENDED_DISCONNECT_REASONS.get(code)?.name;
}
