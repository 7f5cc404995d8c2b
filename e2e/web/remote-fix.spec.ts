import { expect, test } from '@playwright/test';
import { type DemoServer, machineFile, startDemoServer } from '../support/demo-server.js';
import { card, checkHost, checkScreenAllModes, HOST } from './support/issue-27.js';

// Issue 26: "Check and fix it from here". This PC checks server01, whose Remote Desktop certificate has expired:
// the verdict is the remote computer's. Under "Fix it on the remote computer", the button opens the dialog,
// which asks the way in and the account; the demo's simulated remoting endpoint refuses SSH (port 22 is not
// open on that computer in the simulated network) with the real port's sentence, and opens over WinRM. Then
// the checklist is that computer's (host mode), titled with its name, its fix made and undone there, and the way
// back to this PC.

const REMOTE_HEADING = `Checking ${HOST} from this PC`;

let server: DemoServer;
test.beforeAll(async () => {
  server = await startDemoServer(machineFile('remote-fix-from-here.json'));
});
test.afterAll(async () => {
  await server.stop();
});

test('a remote-side verdict: check and fix that computer from here, then back to this PC', async ({
  page,
}) => {
  await checkHost(page, server.url);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-side', 'remote-pc');
  const remoteFix = page.getByRole('region', { name: 'Fix it on the remote computer' });
  const fromHere = remoteFix.getByRole('button', { name: 'Check and fix it from here' });
  await fromHere.click();

  const dialog = page.getByRole('dialog', { name: `Check and fix ${HOST} from here` });
  await expect(dialog).toHaveAccessibleDescription(
    `This needs administrator rights on ${HOST} and PowerShell remoting turned on there (WinRM, or SSH where OpenSSH is set up).`,
  );
  await expect(dialog.getByRole('textbox', { name: /^Computer/ })).toHaveValue(HOST);
  // SSH: the key through main's file dialog (the demo's stand-in), then the port's own refusal.
  await dialog.getByRole('radio', { name: 'SSH' }).check();
  await dialog.getByRole('textbox', { name: /^Account on that computer/ }).fill('admin');
  await dialog.getByRole('button', { name: 'Choose the key file…' }).click();
  await expect(dialog.getByText('Key file: id_ed25519')).toBeVisible();
  await dialog.getByRole('button', { name: 'Connect and check' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(
    `Nothing accepts connections on port 22 (SSH) of ${HOST}; port 5985 (WinRM) answers, so try that way in (nothing was signed in to).`,
  );
  await checkScreenAllModes(page, 'remote-fix-dialog', dialog);

  // WinRM with a password: it opens, and the checklist is that computer's.
  await dialog.getByRole('radio', { name: /^WinRM/ }).check();
  await dialog.getByLabel(/^Password/).fill('demo-password');
  await dialog.getByRole('button', { name: 'Connect and check' }).click();
  await expect(dialog).toHaveCount(0);
  const heading = page.getByRole('heading', { name: REMOTE_HEADING });
  await expect(heading).toBeFocused();
  await expect(page.getByTestId('remote-line')).toContainText(
    `Through PowerShell remoting (WinRM): changes are made on ${HOST}`,
  );
  await expect(card(page, 'certificates')).toContainText('Problem');
  await expect(page.getByRole('button', { name: 'Check and fix it from here' })).toHaveCount(0);
  await checkScreenAllModes(page, 'remote-fix-checklist', heading);

  // Fix all there: the disabled service, made on that computer and undone exactly; the expired certificate
  // waits for consent, since removing it cannot be undone.
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toContainText(`The problem is on ${HOST}`);
  await expect(card(page, 'host-services')).toContainText('Problem');
  await page.getByRole('button', { name: /^Fix all/ }).click();
  const confirm = page.getByRole('dialog', { name: 'Make these changes?' });
  await confirm.getByRole('button', { name: 'Make 1 change', exact: true }).click();
  await expect(heading).toBeFocused();
  await expect(card(page, 'host-services')).not.toContainText('Problem');
  await expect(card(page, 'certificates')).toContainText('Problem');
  await checkScreenAllModes(page, 'remote-fix-fixed', heading);
  await page.getByRole('button', { name: 'Undo all from this run' }).click();
  await expect(card(page, 'host-services')).toContainText('Problem');
  await expect(heading).toBeVisible();

  // The journal is this PC's, in that computer's folder: History lists the run while working on it.
  await page.getByRole('button', { name: 'History', exact: true }).click();
  const run = page.locator('[data-run]').first();
  await expect(run).toContainText('Undone');
  await page.getByRole('button', { name: 'Check and fix', exact: true }).click();

  // Back to this PC: its own check of server01 again, with the button under the verdict.
  await page.getByRole('button', { name: 'Back to this PC' }).click();
  await expect(page.getByRole('heading', { name: `What we found for ${HOST}` })).toBeFocused();
  await expect(page.getByTestId('remote-line')).toHaveCount(0);
  await expect(fromHere).toBeVisible();
});
