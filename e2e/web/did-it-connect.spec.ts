import { expect, test } from '@playwright/test';
import { type DemoServer, machineFile, startDemoServer } from '../support/demo-server.js';
import { fixCard } from '../support/fix-card.js';
import { card, checkHost, checkScreenAllModes } from './support/issue-27.js';

// Issue 27, point 7: "Did it connect? No" branches on. The next step is offered (check again, or get help) and
// focus moves to it, as Windows' Get Help does, instead of ending in a sentence with focus lost to the page.
test.describe.configure({ mode: 'serial' });

let server: DemoServer;
test.beforeAll(async () => {
  server = await startDemoServer(machineFile('udp-enabled.json'));
});
test.afterAll(async () => {
  await server.stop();
});

test('after "No": the next step has focus; "Get help" and "Check again" go on from there', async ({
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
  await checkScreenAllModes(page, 'did-it-connect-no', next);

  await next.getByRole('button', { name: 'Get help' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Get help' })).toBeVisible();
  await expect(page.getByRole('navigation').getByRole('button', { name: 'Get help' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await page.getByRole('button', { name: 'Check and fix' }).click();
  await next.getByRole('button', { name: 'Check again' }).click();
  await expect(page.getByRole('heading', { name: /What we found for/ })).toBeFocused();

  // The answer is kept with the run it followed: History shows it (it lives in that run's journal).
  await page.getByRole('navigation').getByRole('button', { name: 'History' }).click();
  await expect(page.getByTestId('run-connection-test').first()).toHaveText(
    'Afterwards you said: it still did not connect.',
  );
});
