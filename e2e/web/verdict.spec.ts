import { expect, test } from '@playwright/test';
import { type DemoServer, machineFile, startDemoServer } from '../support/demo-server.js';
import { checkScreen, DEFAULT_VIEWPORT } from '../support/screens.js';

// The handshake issue: the results open with which side failed, on each sample that shows a side.
const CASES = [
  {
    file: 'remote-certificate-expired.json',
    side: 'remote-pc',
    title: 'The problem is on the remote computer',
    text: /expired on 2025-01-01/,
    remoteFix: true,
  },
  {
    file: 'tunnel-closes.json',
    side: 'network',
    title: 'The problem is on the way to the remote computer',
    text: /accepted the connection and closed it/,
    remoteFix: false,
  },
  {
    file: 'nla-required-credssp-off.json',
    side: 'this-pc',
    title: 'The problem is on this PC',
    text: /turns CredSSP off/,
    remoteFix: false,
  },
  {
    file: 'healthy.json',
    side: 'none',
    title: 'No problems found',
    text: /answered Remote Desktop normally/,
    remoteFix: false,
  },
] as const;

for (const c of CASES) {
  test.describe(c.file, () => {
    let server: DemoServer;
    test.beforeAll(async () => {
      server = await startDemoServer(machineFile(c.file));
    });
    test.afterAll(async () => {
      await server.stop();
    });

    test(`the verdict comes first: ${c.side}`, async ({ page }) => {
      await page.setViewportSize(DEFAULT_VIEWPORT);
      await page.goto(server.url);
      await page
        .getByRole('combobox', { name: /Computer you cannot connect to/ })
        .fill('server01.contoso.com');
      await page.getByRole('button', { name: 'Check this PC' }).click();
      const verdict = page.getByTestId('verdict');
      await expect(verdict).toHaveAttribute('data-side', c.side);
      await expect(verdict).toContainText(c.title);
      await expect(verdict).toContainText(c.text);
      // First in the results: before every card (on a healthy PC all are folded behind "N checks passed").
      const order = await page.evaluate(() => {
        const v = document.querySelector('[data-testid="verdict"]');
        const card = document.querySelector('[data-repair], [data-testid="passed-toggle"]');
        return v && card ? v.compareDocumentPosition(card) & Node.DOCUMENT_POSITION_FOLLOWING : 0;
      });
      expect(order).toBeTruthy();
      const remote = page.getByRole('heading', { name: 'Fix it on the remote computer' });
      if (c.remoteFix) {
        await expect(remote).toBeVisible();
        await expect(page.getByLabel("PowerShell for the remote computer's administrator")).toContainText(
          'Restart-Service -Name SessionEnv',
        );
      } else {
        await expect(remote).toHaveCount(0);
      }
      await checkScreen(page, `verdict-${c.side}`);
    });
  });
}
