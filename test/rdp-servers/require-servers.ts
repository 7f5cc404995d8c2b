// npm run test:servers runs this first: without the real servers the suite did not run, and never counts as passed.

// The servers are Debian packages started on Linux: anywhere else the suite cannot run at all (and on Windows,
// where `process.getuid` is undefined and /usr/sbin/xrdp never exists, it would only say they are missing).
if (process.platform !== 'linux') {
  const where = process.platform === 'win32' ? 'Windows' : process.platform;
  console.error(
    `RDP server suite NOT RUN: it starts xrdp and FreeRDP's servers from Debian packages on Linux, and this is ${where}; run it on Linux (bash .ci/run).`,
  );
  process.exit(1);
}

// Imported only on Linux: the module makes its scratch folder when it loads.
const { missingTools } = await import('./servers.js');
const missing = missingTools();
if (missing.length > 0) {
  console.error(
    `RDP server suite NOT RUN: ${missing.join(', ')} missing (Debian: apt-get install xrdp freerdp2-shadow-x11 freerdp2-x11 xvfb python3 openssl openssh-server; bash .ci/run does it).`,
  );
  process.exit(1);
}

// The remoting tests need sshd and the pinned pwsh: said here, before anything starts (each such test also
// fails by itself without them, so a missing sshd never counts as passed).
const { sshMissing } = await import('./ssh-server.js');
const ssh = sshMissing();
if (ssh !== undefined) {
  console.error(`RDP server suite NOT RUN: needs ${ssh}; bash .ci/run installs it.`);
  process.exit(1);
}

// A module, for the top-level await above.
export {};
