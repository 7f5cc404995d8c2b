import { expect, type Locator, test } from '@playwright/test';
import { type DemoServer, machineFile, startDemoServer } from '../support/demo-server.js';
import { card, checkHost, checkScreenAllModes } from './support/issue-27.js';

// Issue 27, point 4: the consent dialog leads with what helps. The recommended changes come first in plain
// words, the technical detail behind "Details", what is optional or cannot be undone last and folded (each
// with its risk), labels in full contrast, and a primary button that is never squashed nor "Make 0 changes".

/** Text colour against its background: WCAG's contrast ratio, from computed styles. */
async function contrast(label: Locator): Promise<number> {
  return label.evaluate((element) => {
    const rgb = (value: string) => (value.match(/[\d.]+/g) ?? []).slice(0, 4).map(Number);
    const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
      const channel = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    let background: number[] = [255, 255, 255];
    for (let node: Element | null = element; node; node = node.parentElement) {
      const value = rgb(getComputedStyle(node).backgroundColor);
      if (value.length === 3 || (value[3] ?? 0) > 0) {
        background = value;
        break;
      }
    }
    const [lighter, darker] = [luminance(rgb(getComputedStyle(element).color)), luminance(background)].sort(
      (a, b) => b - a,
    );
    return ((lighter ?? 0) + 0.05) / ((darker ?? 0) + 0.05);
  });
}

test.describe('everything-broken.json', () => {
  let server: DemoServer;
  test.beforeAll(async () => {
    server = await startDemoServer(machineFile('everything-broken.json'));
  });
  test.afterAll(async () => {
    await server.stop();
  });

  test('recommended first in plain words, details and optional items folded', async ({ page }) => {
    await checkHost(page, server.url);
    await page.getByRole('button', { name: /^Fix all/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Make these changes?' });
    await expect(dialog).toBeVisible();
    const headings = await dialog.getByRole('heading', { level: 3 }).allTextContents();
    expect(headings[0]).toMatch(/^Recommended/);
    // Plain words; the registry path only behind Details.
    const recommended = dialog.getByRole('region', { name: /^Recommended/ });
    await expect(recommended).toContainText('Turn off UDP for Remote Desktop');
    await expect(dialog).not.toContainText('HKLM');
    await dialog.getByRole('button', { name: 'Details: Turn off UDP for Remote Desktop' }).click();
    await expect(dialog).toContainText('HKLM');
    // What cannot be undone is folded, and each says its risk once opened.
    await expect(dialog.getByRole('checkbox')).toHaveCount(1); // the restore point only
    const more = dialog.getByRole('button', { name: /^More choices/ });
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    await more.click();
    const consent = dialog.getByRole('checkbox', { name: /Delete the saved password .*Windows password/ });
    await expect(consent).toBeVisible();
    await expect(dialog).toContainText(/so it cannot be restored/);
    for (const label of await dialog.locator('label').all()) {
      expect(await contrast(label), (await label.textContent()) ?? '').toBeGreaterThanOrEqual(7);
    }
    await checkScreenAllModes(page, 'consent-fix-all');
  });
});

test.describe('sign-in-failure.json, with only the Windows password saved', () => {
  let server: DemoServer;
  test.beforeAll(async () => {
    server = await startDemoServer(machineFile('sign-in-failure.json'));
  });
  test.afterAll(async () => {
    await server.stop();
  });

  test('a card whose only change cannot be undone: a whole button, disabled with its reason', async ({
    page,
  }) => {
    // The sample also saves a generic password (kept for Undo); without it, the one change left cannot be undone.
    await page.route('**/ipc/repair:scan', async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      body.value.changes = body.value.changes.filter((change: { reversible: boolean }) => !change.reversible);
      await route.fulfill({ response, json: body });
    });
    await checkHost(page, server.url);
    await card(page, 'saved-credentials').getByRole('button', { name: /^Fix/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Fix this?' });
    await expect(dialog).toBeVisible();
    await expect(dialog).not.toContainText(/Make 0/);
    const primary = dialog.getByRole('button', { name: /^Make/ });
    await expect(primary).toHaveAttribute('aria-disabled', 'true');
    const reasonId = await primary.getAttribute('aria-describedby');
    expect(reasonId).toBeTruthy();
    await expect(page.locator(`[id="${reasonId}"]`)).toBeVisible();
    for (const size of [
      { width: 800, height: 600 },
      { width: 1280, height: 800 },
    ]) {
      await page.setViewportSize(size);
      // Never squashed: its words on one line, the whole label inside the button.
      const fits = await primary.evaluate((button) => ({
        whole: button.scrollWidth <= button.clientWidth,
        oneLine: button.getBoundingClientRect().height <= 40,
      }));
      expect(fits, `${size.width}×${size.height}`).toEqual({ whole: true, oneLine: true });
    }
    const consent = dialog.getByRole('checkbox', { name: /Delete the saved password/ });
    await consent.check();
    await expect(dialog.getByRole('button', { name: 'Make 1 change', exact: true })).not.toHaveAttribute(
      'aria-disabled',
      'true',
    );
    await consent.uncheck();
    await checkScreenAllModes(page, 'consent-irreversible-only');
  });
});
