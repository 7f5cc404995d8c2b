import { expect, test } from '@playwright/test';
import { type DemoServer, machineFile, startDemoServer } from '../support/demo-server.js';
import { card, checkHost, checkScreenAllModes } from './support/issue-27.js';

// Issue 27, point 2: a PC that accepts Remote Desktop, with its own listener certificate expired, checks a
// connection to another computer that answers normally. The verdict is about that connection; this PC's own
// certificate is folded under "For people who connect to this PC", out of Fix all.

let server: DemoServer;
test.beforeAll(async () => {
  server = await startDemoServer(machineFile('host-expired-certificate.json'));
});
test.afterAll(async () => {
  await server.stop();
});

test('this PC as a host is its own section, not the verdict of an outgoing check', async ({ page }) => {
  await checkHost(page, server.url);
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-side', 'none');
  await expect(verdict).toContainText('people who connect to this PC would fail');
  await expect(page.getByTestId('live-region')).toHaveText(/for people who connect to this PC/);
  // Folded: the certificate card is not among the cards until the section is opened.
  await expect(card(page, 'certificates')).toHaveCount(0);
  const toggle = page.getByTestId('incoming-toggle');
  // The listener's certificate, and the host checks of issue 25 (its services, its port, its settings).
  await expect(toggle).toHaveText('For people who connect to this PC (4)');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(card(page, 'certificates')).toContainText('Problem');
  await expect(page.getByText('does not affect the connection you checked')).toBeVisible();
  // Fix all does not offer it: the rest here is a suggestion, so there is nothing for Fix all to make.
  await expect(page.getByRole('button', { name: /^Fix all/ })).toHaveCount(0);
  await checkScreenAllModes(page, 'incoming-section', card(page, 'certificates'));
});
