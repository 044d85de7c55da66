/**
 * The multi-seat specs' browser side (issue 17, 18): a desk window on its own host, and the
 * 连接编辑部 dialog filled in as a person does.
 */
import type { Browser, Page } from '@playwright/test';

import type { DeskHost } from './desk-host';
import { expect } from './fixtures';

/** A desk window in Chinese on its own host. */
export async function openDesk(browser: Browser, host: DeskHost): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(host.url);
  await expect(page.getByTestId('newsroom-badge')).toBeVisible();
  return page;
}

/** Fills in 连接编辑部: the address (null: the desk already has one), then login and password. */
export async function signIn(
  page: Page,
  server: string | null,
  login: string,
  password: string,
): Promise<void> {
  await page.getByTestId('newsroom-open').click();
  if (server !== null) {
    await page.getByTestId('newsroom-server').fill(server);
    await page.getByTestId('newsroom-connect').click();
  }
  await page.getByTestId('newsroom-login').fill(login);
  await page.getByTestId('newsroom-password').fill(password);
  await page.getByTestId('newsroom-signin').click();
}

/** The desk says `name` is signed in; the dialog is closed. */
export async function signedIn(page: Page, name: string): Promise<void> {
  await expect(page.getByTestId('newsroom-open')).toHaveAttribute('data-state', 'connected');
  await expect(page.getByTestId('newsroom-badge')).toContainText(name);
  await page.getByTestId('newsroom-close').click();
  await expect(page.getByTestId('newsroom-dialog')).toHaveCount(0);
}
