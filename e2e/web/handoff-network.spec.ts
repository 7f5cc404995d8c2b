import { expect, test } from '@playwright/test';
import { type DemoServer, machineFile, startDemoServer } from '../support/demo-server.js';
import { checkHost, checkScreenAllModes, HOST } from './support/issue-27.js';

// Issue 27, build point 1 on a network verdict: no PowerShell for the remote computer, but the page still goes
// to whoever looks after the way there, with what to check and what the check saw.
let server: DemoServer;
test.beforeAll(async () => {
  server = await startDemoServer(machineFile('tunnel-closes.json'));
});
test.afterAll(async () => {
  await server.stop();
});

test('a network verdict offers the hand-off, with what to check on the way', async ({ page }) => {
  await checkHost(page, server.url);
  const send = page.getByRole('button', { name: 'Send to the administrator' });
  await checkScreenAllModes(page, 'handoff-network-verdict', send);
  await send.click();
  const sheet = page
    .getByRole('dialog', { name: `Send to the administrator of ${HOST}` })
    .getByRole('region', { name: 'The page for the administrator' });
  await expect(sheet).toContainText('**The problem is on the way to the remote computer.**');
  await expect(sheet).toContainText('### What to check on the way to the remote computer');
  await expect(sheet).toContainText('## What the check saw');
  await expect(sheet).not.toContainText('```powershell');
});
