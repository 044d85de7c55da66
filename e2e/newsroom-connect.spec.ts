/**
 * 设置 → 连接编辑部 (issue 17), on the real loopback host and a real data folder.
 *
 * - A desk that never connected works on its own store: the header says 本机, the
 *   identity picker is there, and the dialog opens from the header button and from
 *   Ctrl+, checks the address it is given (empty, garbled, a path), shows the desk's own
 *   refusal with what was kept safe, changes nothing, and closes with Esc.
 * - The connected part (sign in with a one-time password, set one's own password, the
 *   signed-in view, 退出登录, 断开编辑部) runs against a real newsroom server on a real
 *   PostgreSQL (e2e/utils/newsroom.ts); without PostgreSQL it is skipped and says so.
 */
import type { Page } from '@playwright/test';

import { apiClient } from './utils/desk-api';
import { expect, test } from './utils/fixtures';
import { pgSkipReason, startNewsroom } from './utils/newsroom';

async function openFromHeader(page: Page) {
  await page.getByTestId('newsroom-open').click();
  const dialog = page.getByTestId('newsroom-dialog');
  await expect(dialog).toBeVisible();
  return dialog;
}

test('a local desk says 本机, keeps its picker, and the dialog checks the address and shows the desk’s refusal', async ({
  page,
  desk,
}) => {
  await page.goto(desk.url);
  const open = page.getByTestId('newsroom-open');
  await expect(open).toHaveAttribute('data-state', 'local');
  await expect(page.getByTestId('newsroom-badge')).toHaveText('本机');
  await expect(open).toContainText('连接编辑部');
  await expect(page.getByTestId('user-switch')).toBeVisible();
  await expect(page.getByTestId('user-account')).toHaveCount(0);
  await expect(page.getByTestId('newsroom-banner')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('newsroom-header-local.png') });

  // From the header: the address step, its field focused; Enter on an empty field explains.
  const dialog = await openFromHeader(page);
  await expect(dialog.getByTestId('newsroom-step')).toHaveAttribute('data-state', 'local');
  const server = dialog.getByTestId('newsroom-server');
  await expect(server).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('newsroom-server-problem')).toHaveText('请填写编辑部服务器的地址。');
  await expect(server).toHaveAttribute('aria-invalid', 'true');

  // Garbled text (a full-width colon typed by the input method), then a path: each said plainly.
  await server.fill('bianjibu：8443');
  await expect(dialog.getByTestId('newsroom-server-problem')).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('newsroom-server-problem')).toContainText('“bianjibu：8443”不是服务器地址');
  await server.fill('https://bianjibu.example.cn:8443/api/login');
  await dialog.getByTestId('newsroom-connect').click();
  await expect(dialog.getByTestId('newsroom-server-problem')).toContainText('只填服务器和端口，不要带路径');
  await expect(dialog.getByTestId('newsroom-error')).toHaveCount(0);

  // A well-formed address goes to the desk, which finds no newsroom there: its refusal and what was kept safe.
  await server.fill('http://127.0.0.1:9');
  await expect(dialog.getByTestId('newsroom-plain-http')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('newsroom-error-message')).toHaveText(
    '连不上编辑部服务器 http://127.0.0.1:9，那里未作任何改动。请检查网络和地址。',
  );
  await expect(dialog.getByTestId('newsroom-error-safe')).toHaveText(
    '没有保存任何地址，采编台仍使用这台电脑上的数据。',
  );
  await expect(dialog.getByTestId('newsroom-connect')).toBeEnabled();
  await expect(server).toHaveValue('http://127.0.0.1:9');
  await page.screenshot({ path: test.info().outputPath('newsroom-refused.png') });
  const api = await apiClient(await desk.newUrl());
  expect(await api('newsroom.status')).toMatchObject({ state: 'local', server: null });

  // Esc closes; the desk is as it was.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('newsroom-badge')).toHaveText('本机');
  await expect(page.getByTestId('user-switch')).toBeVisible();

  // Ctrl+, opens it again at the same step, and the close button closes it.
  await page.getByTestId('story-row').first().click();
  await page.keyboard.press('Control+Comma');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('newsroom-server')).toBeFocused();
  await dialog.getByTestId('newsroom-close').click();
  await expect(dialog).toHaveCount(0);
});

test('the dialog and the badge speak English when the desk does', async ({ page, desk }) => {
  await page.goto(desk.url);
  await page.getByTestId('locale-switch').selectOption('en');
  await expect(page.getByTestId('newsroom-badge')).toHaveText('Local');
  const dialog = await openFromHeader(page);
  await expect(dialog.getByRole('heading')).toHaveText('Connect to the newsroom');
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('newsroom-server-problem')).toHaveText(
    'Enter the address of the newsroom server.',
  );
  await dialog.getByTestId('newsroom-server').fill('https://127.0.0.1:9');
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('newsroom-error-message')).toHaveText(
    'The newsroom server https://127.0.0.1:9 does not answer; nothing was changed there. Check the network and the address.',
  );
  await expect(dialog.getByTestId('newsroom-error-safe')).toHaveText(
    'No address was saved; the desk still uses the data on this computer.',
  );
});

const pgSkip = pgSkipReason();

test('signed in with a one-time password: set one’s own password, see who is signed in, sign out and disconnect', async ({
  page,
  desk,
}) => {
  test.skip(pgSkip !== null, pgSkip ?? '');
  const newsroom = await startNewsroom([
    { id: 'liu', name: '刘编辑', roles: ['first-editor'], oneTime: true },
  ]);
  const NEWSROOM = newsroom.url;
  const LOGIN = 'liu';
  const ONE_TIME = newsroom.people['liu']!.password;
  try {
    await page.goto(desk.url);
    const dialog = await openFromHeader(page);
    await dialog.getByTestId('newsroom-server').fill(NEWSROOM);
    await dialog.getByTestId('newsroom-connect').click();

    // Signed out: the sign-in step, the header says so and the picker is still there.
    await expect(dialog.getByTestId('newsroom-step')).toHaveAttribute('data-state', 'signedOut');
    await expect(page.getByTestId('newsroom-badge')).toHaveText('未登录编辑部');
    await expect(page.getByTestId('user-switch')).toBeVisible();
    await dialog.getByTestId('newsroom-login').fill(LOGIN);
    await dialog.getByTestId('newsroom-password').fill(ONE_TIME);
    await dialog.getByTestId('newsroom-signin').click();

    // The one-time password must be replaced: checked here before the desk is asked.
    await expect(dialog.getByTestId('newsroom-step')).toHaveAttribute('data-state', 'passwordChange');
    await expect(page.getByTestId('user-switch')).toHaveCount(0);
    await dialog.getByTestId('newsroom-new-password').fill('短密码');
    await dialog.getByTestId('newsroom-new-password2').fill('短密码');
    await dialog.getByTestId('newsroom-change').click();
    await expect(dialog.getByTestId('newsroom-new-password-problem')).toContainText('至少要 10 个');
    await dialog.getByTestId('newsroom-new-password').fill('春风化雨润心田-2026');
    await dialog.getByTestId('newsroom-new-password2').fill('春风化雨润心田-2025');
    await page.keyboard.press('Enter');
    await expect(dialog.getByTestId('newsroom-new-password2-problem')).toHaveText(
      '两次输入的新密码不一样，请再输入一次。',
    );
    await dialog.getByTestId('newsroom-new-password2').fill('春风化雨润心田-2026');
    await page.keyboard.press('Enter');

    // Connected: who, roles in Chinese, server, session end and key; the account replaces the picker.
    await expect(dialog.getByTestId('newsroom-step')).toHaveAttribute('data-state', 'connected');
    await expect(dialog.getByTestId('newsroom-person')).toContainText(LOGIN);
    await expect(dialog.getByTestId('newsroom-session-server')).toHaveText(new URL(NEWSROOM).origin);
    await expect(page.getByTestId('newsroom-badge')).toContainText('编辑部 · ');
    await expect(page.getByTestId('user-switch')).toHaveCount(0);
    await expect(page.getByTestId('user-account')).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('newsroom-connected.png') });

    // 退出登录: back on the desk's own store, the picker back.
    await dialog.getByTestId('newsroom-signout').click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('newsroom-badge')).toHaveText('未登录编辑部');
    await expect(page.getByTestId('user-switch')).toBeVisible();

    // 断开编辑部, confirmed: 本机 again.
    await openFromHeader(page);
    await dialog.getByTestId('newsroom-disconnect').click();
    await expect(dialog.getByTestId('newsroom-step')).toHaveAttribute('data-state', 'confirm');
    await expect(dialog).toContainText('回到这台电脑自己的数据');
    await dialog.getByTestId('newsroom-disconnect-confirm').click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('newsroom-badge')).toHaveText('本机');
  } finally {
    await newsroom.close();
  }
});
