import { expect, type Page, test } from '@playwright/test';
import { type DemoServer, machineFile, startDemoServer } from '../support/demo-server.js';
import {
  card,
  checkHost,
  checkScreenAllModes,
  REPAIR_ID_PATTERN,
  recordAnnouncements,
} from './support/issue-27.js';

// Issue 27, point 8: the selected section readable in forced colours, the result announced side first, an apply
// announced at its start and its end only, card buttons named with their card, and one h1 per view.

/** The system colours a forced-colours page draws a selected item in, as this browser resolves them. */
function selectedItemColours(page: Page) {
  return page.evaluate(() => {
    const probe = document.createElement('div');
    probe.style.cssText = 'forced-color-adjust:none;background-color:SelectedItem;color:SelectedItemText';
    document.body.append(probe);
    const style = getComputedStyle(probe);
    const colours = { background: style.backgroundColor, text: style.color };
    probe.remove();
    return colours;
  });
}

test.describe('udp-enabled.json', () => {
  let server: DemoServer;
  test.beforeAll(async () => {
    server = await startDemoServer(machineFile('udp-enabled.json'));
  });
  test.afterAll(async () => {
    await server.stop();
  });

  test('the selected section in forced colours: SelectedItem and SelectedItemText', async ({ page }) => {
    await page.goto(server.url);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme, forcedColors: 'active' });
      const current = page.getByRole('navigation').getByRole('button', { name: 'Check and fix' });
      await expect(current).toHaveAttribute('aria-current', 'page');
      const expected = await selectedItemColours(page);
      const drawn = await current.evaluate((button) => {
        const style = getComputedStyle(button);
        return { background: style.backgroundColor, text: style.color };
      });
      expect(drawn, colorScheme).toEqual(expected);
      expect(expected.background).not.toBe(expected.text);
    }
    await page.emulateMedia({ colorScheme: 'light', forcedColors: 'none' });
    await checkScreenAllModes(page, 'nav-selected');
  });

  test('card buttons carry their card in their name', async ({ page }) => {
    await checkHost(page, server.url);
    const udp = card(page, 'udp-transport');
    await expect(
      udp.getByRole('button', { name: 'Fix: Turn off UDP on this computer', exact: true }),
    ).toBeVisible();
    await expect(
      udp.getByRole('button', { name: 'Details: Turn off UDP on this computer', exact: true }),
    ).toBeVisible();
  });

  test('an apply is announced when it starts and when it ends, nothing in between', async ({ page }) => {
    await checkHost(page, server.url);
    const heard = await recordAnnouncements(page);
    await page.getByRole('button', { name: /^Fix all/ }).click();
    await page
      .getByRole('dialog', { name: 'Make these changes?' })
      .getByRole('button', { name: /^Make \d+ changes?/ })
      .click();
    await expect(page.getByRole('heading', { name: 'Next steps' })).toBeVisible();
    await expect(page.getByRole('heading', { name: /What we found for/ })).toBeFocused();
    const messages = await heard();
    expect(messages, messages.join(' / ')).toHaveLength(2);
    expect(messages[0]).toMatch(/^Making /);
    expect(messages.join(' ')).not.toMatch(REPAIR_ID_PATTERN);
  });

  test('one h1 on every view', async ({ page }) => {
    await checkHost(page, server.url);
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    await page.getByRole('button', { name: 'History', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    await page.getByRole('button', { name: 'Get help' }).click();
    // With the report rendered: its own title is a heading under "The report", not a second h1.
    const report = page.getByRole('document', { name: 'The report' });
    await expect(report.getByRole('heading').first()).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    await checkScreenAllModes(page, 'help-one-h1');
  });
});

test.describe('remote-certificate-expired.json', () => {
  let server: DemoServer;
  test.beforeAll(async () => {
    server = await startDemoServer(machineFile('remote-certificate-expired.json'));
  });
  test.afterAll(async () => {
    await server.stop();
  });

  test('the result is announced side first', async ({ page }) => {
    await checkHost(page, server.url);
    await expect(page.getByTestId('live-region')).toHaveText(/^Problem on the remote computer: /);
  });
});
