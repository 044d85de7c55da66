/** The archive screen's 导入往期版面 dialog: a past page's text picked and split for confirmation. */
import type { Locator, Page } from '@playwright/test';

export type PastPageFile = { page: string; date: string; name: string; text: string };

/** Opens the dialog, fills in the page and date, picks the text file and asks for the split. */
export async function splitPastPage(page: Page, file: PastPageFile): Promise<Locator> {
  await page.getByTestId('archive-import-page').click();
  const dialog = page.getByTestId('page-import');
  await dialog.getByTestId('page-import-page').fill(file.page);
  await dialog.getByTestId('page-import-date').fill(file.date);
  await dialog
    .getByTestId('page-import-file')
    .setInputFiles({ name: file.name, mimeType: 'text/plain', buffer: Buffer.from(file.text) });
  await dialog.getByTestId('page-import-split').click();
  return dialog;
}
