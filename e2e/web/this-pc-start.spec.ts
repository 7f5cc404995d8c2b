import { expect, test } from '@playwright/test';
import { type DemoServer, machineFile, startDemoServer } from '../support/demo-server.js';
import { DEFAULT_VIEWPORT } from '../support/screens.js';
import { card, checkScreenAllModes } from './support/issue-27.js';

// Issue 27, point 2: "People can't connect to this PC" on the start screen asks the incoming question. On a PC
// that accepts Remote Desktop with its own listener certificate expired, that certificate IS the answer: the
// verdict says this PC, the card is a problem among the cards (not folded), its Fix makes the renewal once the
// user consents (removing a certificate cannot be undone), and there is no "Test connection" (Remote Desktop
// Connection from this PC to itself tests nothing). The form's own button still says "Check this PC": the
// result shown is not a check of the computer in the field.

const THIS_PC_HEADING = 'What we found for this PC, as the computer others connect to';

let server: DemoServer;
test.beforeAll(async () => {
  server = await startDemoServer(machineFile('host-expired-certificate.json'));
});
test.afterAll(async () => {
  await server.stop();
});

test('"People can\'t connect to this PC" checks this PC as a host, and its certificate is the verdict', async ({
  page,
}) => {
  await page.setViewportSize(DEFAULT_VIEWPORT);
  await page.goto(server.url);
  const start = page.getByRole('button', { name: "People can't connect to this PC" });
  await expect(start).toHaveAccessibleDescription(/computer others connect to/);
  await checkScreenAllModes(page, 'this-pc-start', start);
  await start.click();
  await expect(page.getByRole('heading', { name: THIS_PC_HEADING })).toBeFocused();
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-side', 'this-pc');
  await expect(card(page, 'certificates')).toContainText('Problem');
  await expect(page.getByTestId('incoming-toggle')).toHaveCount(0);
  // Only this question's checks: nothing about a connection from here (the handshake, UDP, saved passwords).
  await expect(card(page, 'rdp-handshake')).toHaveCount(0);
  await expect(card(page, 'udp-transport')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Check this PC' })).toBeVisible();
  await checkScreenAllModes(page, 'this-pc-result', verdict);

  await card(page, 'certificates').getByRole('button', { name: /^Fix/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Fix this?' });
  await dialog.getByRole('checkbox', { name: /certificate/i }).check();
  await dialog.getByRole('button', { name: 'Make 1 change', exact: true }).click();
  await expect(page.getByRole('heading', { name: THIS_PC_HEADING })).toBeFocused();
  await expect(card(page, 'certificates')).not.toContainText('Problem');
  await expect(page.getByRole('button', { name: 'Test connection' })).toHaveCount(0);
  await expect(page.getByTestId('last-checked')).toHaveCount(0);
  await checkScreenAllModes(page, 'this-pc-fixed', page.getByRole('heading', { name: THIS_PC_HEADING }));
});
