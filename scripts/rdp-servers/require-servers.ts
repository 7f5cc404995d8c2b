import { missingTools } from '../../test/rdp-servers/servers.js';

// npm run test:servers runs this first: without the real servers the suite did not run, and never counts as passed.
const missing = missingTools();
if (missing.length > 0) {
  console.error(
    `RDP server suite NOT RUN: ${missing.join(', ')} missing (Debian: apt-get install xrdp freerdp2-shadow-x11 freerdp2-x11 xvfb python3 openssl; bash .ci/run does it).`,
  );
  process.exit(1);
}
