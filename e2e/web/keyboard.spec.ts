import { expect, type Page, test } from '@playwright/test';
import { type DemoServer, machineFile, startDemoServer } from '../support/demo-server.js';
import { DEFAULT_VIEWPORT } from '../support/screens.js';

// Keyboard only: from the first Tab to a fixed card, with a visible focus indicator at every stop.
test.describe.configure({ mode: 'serial' });

let server: DemoServer;
test.beforeAll(async () => {
  server = await startDemoServer(machineFile('udp-enabled.json'));
});
test.afterAll(async () => {
  await server.stop();
});

async function tabTo(page: Page, accessibleName: RegExp, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const name = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el
        ? (el.getAttribute('aria-label') ?? el.textContent ?? (el as HTMLInputElement).value ?? '')
        : '';
    });
    if (accessibleName.test(name)) return;
  }
  throw new Error(`no focusable element named ${accessibleName} within ${limit} Tab presses`);
}

async function expectVisibleFocus(page: Page): Promise<void> {
  const indicator = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const own = getComputedStyle(el);
    const after = getComputedStyle(el, '::after');
    const outline = own.outlineStyle !== 'none' && Number.parseFloat(own.outlineWidth) > 0;
    const ring = after.borderStyle !== 'none' && Number.parseFloat(after.borderTopWidth) > 0;
    return { outline, ring, attr: el.hasAttribute('data-fui-focus-visible') || el.matches(':focus-visible') };
  });
  expect(indicator.attr && (indicator.outline || indicator.ring), JSON.stringify(indicator)).toBe(true);
}

test('start screen and checklist by keyboard alone', async ({ page }) => {
  await page.setViewportSize(DEFAULT_VIEWPORT);
  await page.goto(server.url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  // Tab order: sections, then the host field, then Scan.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Check and fix' })).toBeFocused();
  await expectVisibleFocus(page);
  const host = page.getByRole('combobox', { name: /Computer you cannot connect to/ });
  for (let i = 0; i < 5 && !(await host.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(host).toBeFocused();
  // The demo offers a computer already; select it and type over it, as a user would.
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('server01.contoso.com');
  await expect(host).toHaveValue('server01.contoso.com');
  // The next stop is Scan.
  await tabTo(page, /Check this PC/, 1);
  await expect(page.getByRole('button', { name: 'Check this PC' })).toBeFocused();
  await expectVisibleFocus(page);
  await page.keyboard.press('Enter');

  const udp = page.locator('[data-repair="udp-transport"]');
  await expect(udp.locator('[data-status]')).toHaveAttribute('data-status', 'problem');

  await tabTo(page, /^Fix all/);
  await expectVisibleFocus(page);
  // Card buttons are named with their card (issue 27).
  await tabTo(page, /^Fix: Turn off UDP on this computer$/);
  await expectVisibleFocus(page);
  await tabTo(page, /^Details: Turn off UDP on this computer$/);
  await page.keyboard.press('Enter');
  await expect(udp.locator('pre')).toBeVisible();
  await tabTo(page, /^Copy$/);
  await expectVisibleFocus(page);

  // Back to Fix with Shift+Tab, and Space activates it.
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Shift+Tab');
    if (await udp.getByRole('button', { name: 'Fix' }).evaluate((el) => el === document.activeElement)) break;
  }
  await expect(udp.getByRole('button', { name: 'Fix' })).toBeFocused();
  await page.keyboard.press('Space');
  // The consent opens on its title; Tab reaches its button, Enter makes the change.
  const consent = page.getByRole('dialog', { name: 'Fix this?' });
  await expect(consent.getByRole('heading', { name: 'Fix this?' })).toBeFocused();
  await tabTo(page, /^Make 1 change$/, 5);
  await page.keyboard.press('Enter');
  await expect(consent).toBeHidden();
  await expect(udp.locator('[data-status]')).toHaveAttribute('data-status', 'ok');

  // The confirmation is reachable and closes with Escape, giving focus back.
  await tabTo(page, /^Undo: Turn off UDP on this computer$/);
  await page.keyboard.press('Enter');
  await expect(udp.locator('[data-status]')).toHaveAttribute('data-status', 'problem');
  await tabTo(page, /^Fix all/);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Make these changes?' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: /^Fix all/ })).toBeFocused();
});
