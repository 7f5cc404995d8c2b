import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { type DemoServer, machineFile, startDemoServer } from '../support/demo-server.js';
import { SCREENSHOT_DIR } from '../support/screens.js';

// Issue 4's display modes: Windows at 150% scaling on the smallest window, and Windows high contrast.
test.describe.configure({ mode: 'serial' });

let server: DemoServer;
test.beforeAll(async () => {
  server = await startDemoServer(machineFile('everything-broken.json'));
});
test.afterAll(async () => {
  await server.stop();
});

async function scanEverythingBroken(page: Page): Promise<void> {
  await page.goto(server.url);
  await page.getByRole('combobox', { name: /Computer you cannot connect to/ }).fill('server01.contoso.com');
  await page.getByRole('button', { name: 'Check this PC' }).click();
  await expect(page.locator('[data-repair="udp-transport"] [data-status]')).toHaveAttribute(
    'data-status',
    'problem',
  );
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).exclude('[data-tabster-dummy]').analyze();
  const found = results.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join('; ')}`,
  );
  expect(found).toEqual([]);
}

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

test.describe('150% scaling at the minimum window size', () => {
  test.use({ viewport: { width: 800, height: 600 }, deviceScaleFactor: 1.5 });

  test('start screen and checklist fit without sideways scrolling', async ({ page }) => {
    await page.goto(server.url);
    await expect(page.getByRole('heading', { level: 1, name: /0x904/ })).toBeVisible();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shoot(page, 'scale150-start-800x600');

    await scanEverythingBroken(page);
    await page
      .locator('[data-repair="saved-host-entry"]')
      .getByRole('button', { name: /Details/ })
      .click();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shoot(page, 'scale150-checklist-800x600');
  });
});

test.describe('Windows high contrast (forced colors)', () => {
  test.use({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark', forcedColors: 'active' });

  test('the app follows forced colors and stays free of axe violations', async ({ page }) => {
    await page.goto(server.url);
    await expect(page.getByRole('heading', { level: 1, name: /0x904/ })).toBeVisible();
    expect(await page.evaluate(() => matchMedia('(forced-colors: active)').matches)).toBe(true);
    await shoot(page, 'high-contrast-start-1280x800');

    await scanEverythingBroken(page);
    await expectNoAxeViolations(page);
    await shoot(page, 'high-contrast-checklist-1280x800');
    // Hover is drawn in the system's colours too, on the start screen's own buttons and on Fluent's.
    for (const name of ['Check again', /^History$/, /^Fix all/]) {
      await page.getByRole('button', { name }).hover();
      await expectNoAxeViolations(page);
    }
    await shoot(page, 'high-contrast-hover-1280x800');
  });
});
