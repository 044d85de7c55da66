/**
 * The review specs' browser side: a desk window as one person (picked in the
 * first-start picker), and a selection of words in the body as a person makes it.
 */
import type { Browser, Page } from '@playwright/test';

import { expect } from './fixtures';

/** A window of its own (own session and locks) at 1366×768 in Chinese, as `userId`. */
export async function deskAs(browser: Browser, url: string, userId: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.getByTestId('user-picker')).toBeVisible();
  await page.getByTestId('user-picker-select').selectOption(userId);
  await page.getByTestId('user-picker-ok').click();
  await expect(page.getByTestId('user-picker')).toBeHidden();
  return page;
}

/** Selects `text` inside body block `block` of the open story, as a drag would. */
export async function selectInBody(page: Page, block: number, text: string): Promise<void> {
  await page.evaluate(
    ({ block, text }) => {
      const root = document.querySelector('[data-testid="story-screen"] [data-lexical-editor="true"]')!;
      const el = root.children[block]!;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node.textContent ?? '').indexOf(text);
        if (at === -1) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + text.length);
        const sel = window.getSelection()!;
        sel.removeAllRanges();
        sel.addRange(range);
        return;
      }
      throw new Error(`${text} not in block ${block}`);
    },
    { block, text },
  );
}
