import { expect, test } from '@playwright/test';
import { type DemoServer, machineFile, startDemoServer } from '../support/demo-server.js';
import { checkHost, checkScreenAllModes, HOST } from './support/issue-27.js';

// Issue 27, build point 1: on a remote-side verdict the hand-off is a product. "Send to the administrator"
// gives one page under the computer's real name, with the verdict, the evidence, the steps and the PowerShell
// for that computer, to copy, save or open in mail; Get help's report opens with "Which side failed".
test.describe.configure({ mode: 'serial' });

let server: DemoServer;
test.beforeAll(async () => {
  server = await startDemoServer(machineFile('remote-certificate-expired.json'));
});
test.afterAll(async () => {
  await server.stop();
});

test('"Send to the administrator": the real name and the PowerShell, copied, saved and in a mail link', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(server.url).origin,
  });
  await checkHost(page, server.url);
  await page.getByRole('button', { name: 'Send to the administrator' }).click();
  const dialog = page.getByRole('dialog', { name: `Send to the administrator of ${HOST}` });
  const sheet = dialog.getByRole('region', { name: 'The page for the administrator' });
  await expect(sheet).toContainText(`# Remote Desktop to \`${HOST}\` fails`);
  await expect(sheet).toContainText('**The problem is on the remote computer.**');
  await expect(sheet).toContainText(`On ${HOST}, as an administrator, open PowerShell.`);
  await expect(sheet).toContainText('Restart-Service -Name SessionEnv -Force');
  await expect(sheet).toContainText('## What this PC already tried');
  await expect(sheet).not.toContainText('host-1');

  await dialog.getByRole('button', { name: 'Copy the page' }).click();
  await expect(dialog.getByRole('button', { name: 'Copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(`Remote Desktop to \`${HOST}\` fails`);
  expect(copied).toContain('```powershell\n# On the remote computer, as administrator\n');
  expect(copied).toContain('Restart-Service -Name SessionEnv -Force');

  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Save as a file' }).click();
  expect((await download).suggestedFilename()).toBe(`remote-desktop-${HOST}.md`);

  const mail = new URL((await dialog.getByRole('link', { name: 'Open in mail' }).getAttribute('href')) ?? '');
  expect(mail.protocol).toBe('mailto:');
  expect(mail.pathname).toBe('');
  expect(mail.searchParams.get('subject')).toBe(
    `Remote Desktop to ${HOST} fails: the problem is on the remote computer`,
  );

  await checkScreenAllModes(page, 'handoff', sheet);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
});

test('Get help\'s report opens with "Which side failed"; the public version keeps names hidden', async ({
  page,
}) => {
  await checkHost(page, server.url);
  await page.getByRole('navigation').getByRole('button', { name: 'Get help' }).click();
  const report = page.getByRole('document', { name: 'The report' });
  await expect(report.getByRole('heading', { name: 'Which side failed' })).toBeVisible();
  await expect(report).toContainText('The problem is on the remote computer.');
  await expect(report).toContainText('Restart-Service -Name SessionEnv -Force');
  // The PowerShell keeps its lines in the rendered report (a fenced block, not one run-on paragraph).
  expect(await report.locator('pre').innerText()).toContain(
    'Restart-Service -Name SessionEnv -Force\nicacls',
  );
  // "Hide names and addresses" is on by default: the forum version names no computer.
  await expect(report).not.toContainText('server01');
  // First in the report: before the problem's own section.
  const headings = await report.getByRole('heading').allTextContents();
  expect(headings.indexOf('Which side failed')).toBe(1);
  expect(headings.indexOf('The problem')).toBeGreaterThan(1);
  await checkScreenAllModes(
    page,
    'help-which-side',
    report.getByRole('heading', { name: 'Which side failed' }),
  );
});
