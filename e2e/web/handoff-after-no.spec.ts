import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { type DemoServer, machineFile, startDemoServer } from '../support/demo-server.js';
import { fixCard } from '../support/fix-card.js';
import { card, checkHost, checkScreenAllModes, HOST } from './support/issue-27.js';

// Issue 27, build point 1 with point 6: after "Did it connect? No" on a remote-side verdict, the next step is
// the hand-off, and the page it gives says what this PC already tried (the fix made, the answer "No").
test.describe.configure({ mode: 'serial' });

const UDP_KEY = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client';

let server: DemoServer;
test.beforeAll(async () => {
  // The remote computer's certificate has expired, and this PC also has UDP on: one fix here, the fault there.
  const machine = JSON.parse(readFileSync(machineFile('remote-certificate-expired.json'), 'utf8'));
  machine.registry[UDP_KEY].fClientDisableUDP.data = 0;
  const file = join(mkdtempSync(join(tmpdir(), 'rdp-repair-handoff-')), 'remote-and-udp.json');
  writeFileSync(file, JSON.stringify(machine));
  server = await startDemoServer(file);
});
test.afterAll(async () => {
  await server.stop();
});

test('after "No": "Send to the administrator" is the next step, and the page lists what was tried', async ({
  page,
}) => {
  await checkHost(page, server.url);
  await fixCard(page, card(page, 'udp-transport'));
  await page.getByRole('button', { name: 'Test connection' }).click();
  await page
    .getByRole('group', { name: 'Did it connect?' })
    .getByRole('button', { name: 'No, it did not' })
    .click();
  const next = page.getByRole('region', { name: 'What to try next' });
  await expect(next.getByRole('heading', { name: 'What to try next' })).toBeFocused();
  await expect(next.getByRole('button', { name: 'Get help' })).toHaveCount(0);
  await expect(next).toContainText('send the page to whoever looks after the remote computer');
  await checkScreenAllModes(page, 'handoff-after-no', next);

  await next.getByRole('button', { name: 'Send to the administrator' }).click();
  const sheet = page
    .getByRole('dialog', { name: `Send to the administrator of ${HOST}` })
    .getByRole('region', { name: 'The page for the administrator' });
  const tried = sheet.locator('pre');
  await expect(tried).toContainText('## What this PC already tried');
  await expect(tried).toContainText('Turn off UDP');
  await expect(tried).toContainText('the user says it still did not connect');
  await expect(tried).toContainText('Restart-Service -Name SessionEnv -Force');
});
