import { expect, type Page, test } from '@playwright/test';
import { type DemoServer, machineFile, startDemoServer } from '../support/demo-server.js';
import { checkScreen, DEFAULT_VIEWPORT } from '../support/screens.js';

// The checklist issue, point 1: the answer first. Problems, then steps for the user, then the rest; the
// passed checks folded into one line that opens on request.

async function scan(page: Page, url: string): Promise<void> {
  await page.setViewportSize(DEFAULT_VIEWPORT);
  await page.goto(url);
  await page.getByRole('combobox', { name: /Computer you cannot connect to/ }).fill('server01.contoso.com');
  await page.getByRole('button', { name: 'Check this PC' }).click();
  await expect(page.getByRole('heading', { name: /What we found for/ })).toBeVisible();
}

function cardOrder(page: Page): Promise<string[]> {
  return page
    .locator('[data-repair]')
    .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-repair') ?? ''));
}

test.describe('host-unreachable.json', () => {
  let server: DemoServer;
  test.beforeAll(async () => {
    server = await startDemoServer(machineFile('host-unreachable.json'));
  });
  test.afterAll(async () => {
    await server.stop();
  });

  test('the problem card comes right after the verdict, the passed checks fold into one line', async ({
    page,
  }) => {
    await scan(page, server.url);
    expect(await cardOrder(page)).toEqual(['connectivity', 'event-logs', 'rdp-handshake']);
    await expect(page.getByText(/nothing to change on this PC for this\. Follow the steps/)).toBeVisible();
    await expect(page.getByTestId('live-region')).toHaveText(
      'Problem on the way to the remote computer: 1 problem, 1 warning, 1 step for you.',
    );
    await expect(page.getByRole('heading', { name: /What we found for/ })).toBeFocused();
    const toggle = page.getByRole('button', { name: '6 checks passed' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await checkScreen(page, 'order-unreachable');

    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const opened = await cardOrder(page);
    expect(opened.slice(0, 3)).toEqual(['connectivity', 'event-logs', 'rdp-handshake']);
    expect(opened).toHaveLength(9);
    await checkScreen(page, 'order-unreachable-passed-open');
  });
});

test.describe('healthy.json', () => {
  let server: DemoServer;
  test.beforeAll(async () => {
    server = await startDemoServer(machineFile('healthy.json'));
  });
  test.afterAll(async () => {
    await server.stop();
  });

  test('a healthy PC says so, with every check folded', async ({ page }) => {
    await scan(page, server.url);
    await expect(
      page.getByText('No problems found on this PC. If the error remains, use "Get help".'),
    ).toBeVisible();
    await expect(page.getByText(/nothing to change on this PC/)).toHaveCount(0);
    expect(await cardOrder(page)).toEqual([]);
    await expect(page.getByRole('button', { name: '9 checks passed' })).toBeVisible();
    await checkScreen(page, 'order-healthy');
  });

  test('another name in the field clears the old results and the button says Check again no more', async ({
    page,
  }) => {
    await scan(page, server.url);
    await expect(page.getByRole('button', { name: 'Check again' })).toBeVisible();
    const host = page.getByRole('combobox', { name: /Computer you cannot connect to/ });
    await expect(host).toHaveAttribute('placeholder', 'desk-pc.example.com');
    await host.fill('server02.contoso.com');
    await expect(page.getByRole('heading', { name: /What we found for/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Check this PC' })).toBeVisible();
  });
});
