import { expect, type Page, test } from '@playwright/test';
import { type DemoServer, machineFile, startDemoServer } from '../support/demo-server.js';
import { fixCard } from '../support/fix-card.js';
import { checkScreen, DEFAULT_VIEWPORT } from '../support/screens.js';

// Issue 4's whole flow on the sample "everything broken" machine: scan, details, apply all with the one
// confirmation, verification, undo all, history, report with redact, the Windows tools. Axe and screenshots on every screen.
test.describe.configure({ mode: 'serial' });

const HOST = 'server01.contoso.com';
let server: DemoServer;
test.beforeAll(async () => {
  server = await startDemoServer(machineFile('everything-broken.json'));
});
test.afterAll(async () => {
  await server.stop();
});

async function statuses(page: Page): Promise<Record<string, string>> {
  return page
    .locator('[data-repair]')
    .evaluateAll((cards) =>
      Object.fromEntries(
        cards.map((card) => [
          card.getAttribute('data-repair') ?? '',
          card.querySelector('[data-status]')?.getAttribute('data-status') ?? '',
        ]),
      ),
    );
}

test('scan, details, apply all, verification, undo all, history and report', async ({ page }) => {
  await page.setViewportSize(DEFAULT_VIEWPORT);
  await page.goto(server.url);
  const host = page.getByRole('combobox', { name: /Computer you cannot connect to/ });
  // The host field offers the Remote Desktop history of the machine: the browser draws the list from the
  // datalist the field points at, outside the page, so the options are checked in the DOM.
  await expect(host).toHaveValue(HOST);
  const history = await host.evaluate((input) =>
    [...((input as HTMLInputElement).list?.options ?? [])].map((option) => option.value),
  );
  expect(history).toContain(HOST);

  await host.fill('bad host name');
  await expect(page.getByText(/cannot contain spaces/)).toBeVisible();
  await checkScreen(page, 'start-invalid-host');
  await host.fill(HOST);
  await checkScreen(page, 'start');

  await page.getByRole('button', { name: 'Check this PC' }).click();
  await expect(page.getByRole('heading', { name: `What we found for ${HOST}` })).toBeVisible();
  const before = await statuses(page);
  expect(before['udp-transport']).toBe('problem');
  await checkScreen(page, 'checklist');

  const udp = page.locator('[data-repair="udp-transport"]');
  await udp.getByRole('button', { name: 'Details' }).click();
  await expect(udp.getByRole('heading', { name: 'What will change' })).toBeVisible();
  await expect(udp.locator('pre')).toContainText('fClientDisableUDP');
  await expect(udp.getByRole('button', { name: 'Copy' })).toBeVisible();
  // Two cards open at once: axe (in checkScreen) checks that landmarks stay unique.
  const savedHost = page.locator('[data-repair="saved-host-entry"]');
  await savedHost.getByRole('button', { name: 'Details' }).click();
  await expect(savedHost.locator('pre')).toBeVisible();
  await checkScreen(page, 'checklist-details');
  await savedHost.getByRole('button', { name: 'Details' }).click();
  await udp.getByRole('button', { name: 'Details' }).click();

  await page.getByRole('button', { name: /^Fix all/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Make these changes?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('Windows will ask once', { exact: false })).toBeVisible();
  // It opens at its top, on its title, and its button says what pressing it does.
  await expect(dialog.getByRole('heading', { name: 'Make these changes?' })).toBeFocused();
  await checkScreen(page, 'confirm');
  // What cannot be undone waits, folded, under "More choices"; each tick moves one into what it makes.
  await dialog.getByRole('button', { name: /^More choices/ }).click();
  const consents = await dialog.getByRole('group', { name: 'Cannot be undone' }).getByRole('checkbox').all();
  expect(consents.length).toBeGreaterThan(0);
  const apply = dialog.getByRole('button', { name: /^Make \d+ changes?$/ });
  const made = async () => Number(/^Make (\d+)/.exec((await apply.textContent()) ?? '')?.[1]);
  const madeBefore = await made();
  for (const consent of consents) await consent.check();
  expect(await made()).toBe(madeBefore + consents.length);
  await apply.click();
  await expect(dialog).toBeHidden();
  // When it is done, focus is on the results, not lost with the button that started it.
  await expect(page.getByRole('heading', { name: /What we found for/ })).toBeFocused();

  await expect(page.getByRole('heading', { name: 'Next steps' })).toBeVisible();
  const after = await statuses(page);
  expect(after['udp-transport']).toBe('ok');
  for (const [repairId, status] of Object.entries(before)) {
    if (status === 'problem') expect(after[repairId], `${repairId} after apply all`).not.toBe('problem');
  }
  await expect(page.getByRole('button', { name: 'Test connection' })).toBeVisible();
  await checkScreen(page, 'verified');

  await page.getByRole('button', { name: 'Undo all from this run' }).click();
  await expect(udp.locator('[data-status]')).toHaveAttribute('data-status', 'problem');
  await checkScreen(page, 'undone');

  await page.getByRole('button', { name: 'History', exact: true }).click();
  const run = page.locator('[data-run]').first();
  await expect(run).toContainText(HOST);
  await expect(run).toContainText('Undone');
  await checkScreen(page, 'history');

  await page.getByRole('button', { name: 'Get help' }).click();
  // The report rendered, headings and tables as a reader will see it; the Markdown behind "Show text".
  const rendered = page.getByRole('document', { name: 'The report' });
  // The report's own headings sit under "The report" (h2): its sections are h4 (one h1 per view).
  await expect(rendered.getByRole('heading', { level: 4, name: 'The problem' })).toBeVisible();
  await expect(rendered.getByRole('table').first()).toBeVisible();
  await checkScreen(page, 'help-rendered');
  await page.getByRole('button', { name: 'Show text' }).click();
  const report = page.getByRole('textbox', { name: 'Report (Markdown)' });
  await expect(report).not.toHaveValue('');
  await expect(report).not.toHaveValue(/Preparing/);
  const redacted = await report.inputValue();
  expect(redacted).not.toContain(HOST);
  await checkScreen(page, 'help-redacted');
  await page.getByRole('switch', { name: 'Hide names and addresses' }).click();
  await expect(report).toHaveValue(new RegExp(HOST.replaceAll('.', '\\.')));
  await checkScreen(page, 'help');

  // The web demo has no Windows tools to open: the button says so in one sentence.
  const tools = page.getByRole('region', { name: 'Look further in Windows' });
  await tools.getByRole('button', { name: 'Open Event Viewer' }).click();
  await expect(tools.getByText('This opens only in the Windows app.')).toBeVisible();
  await checkScreen(page, 'help-tools');
});

test('a second apply, undone from the history view', async ({ page }) => {
  await page.setViewportSize(DEFAULT_VIEWPORT);
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Check this PC' }).click();
  const udp = page.locator('[data-repair="udp-transport"]');
  await fixCard(page, udp);
  await expect(udp.locator('[data-status]')).toHaveAttribute('data-status', 'ok');

  await page.getByRole('button', { name: 'History', exact: true }).click();
  const run = page.locator('[data-run]').first();
  await expect(run).toContainText('Applied');
  await run.getByRole('button', { name: 'Undo this run' }).click();
  // A computer-wide setting goes back: asked first, so the permission prompt that follows is expected.
  const asked = page.getByRole('dialog', { name: 'Undo this run?' });
  await expect(asked).toContainText('need administrator permission');
  await checkScreen(page, 'history-undo-confirm');
  await asked.getByRole('button', { name: 'Undo 1 change' }).click();
  await expect(run).toContainText('Undone');
  await page.getByRole('button', { name: 'Check and fix' }).click();
  await expect(udp.locator('[data-status]')).toHaveAttribute('data-status', 'problem');
});
