import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Fix on one card, then its confirmation, as a user does: Fix opens the same consent dialog as Fix all,
 * titled "Fix this?", whose button names what it will do ("Make 1 change").
 */
export async function fixCard(page: Page, card: Locator): Promise<void> {
  await card.getByRole('button', { name: 'Fix' }).click();
  const dialog = page.getByRole('dialog', { name: 'Fix this?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: /^Make \d+ changes?/ }).click();
  await expect(dialog).toBeHidden();
}
