/**
 * A text on one enormous line (issue 16): refused with the limit and the line
 * before any recogniser runs out of stack, through the reader and through
 * stories.import; nothing is written. A line within the limit is one long paragraph.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MAX_LINE_CHARS } from '../../../shared/import';
import { blocksOfBody } from '../../../shared/model';
import { dispatch } from '../dispatch';
import { readStoryBytes } from '../import-story';
import { openDeskServices, type DeskServices } from '../services';

let dir: string;
let services: DeskServices;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'desk-long-line-'));
  services = await openDeskServices({ dataDir: dir, transport: 'http', user: 'tester', demo: false });
});
afterAll(async () => {
  await services.close();
  await rm(dir, { recursive: true, force: true });
});

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('a text with one very long line', () => {
  it('refuses a 30 MB single-line .txt naming the line and the limit', async () => {
    const bytes = utf8(`标题\n${'党'.repeat(10_000_000)}\n`); // 30 MB of UTF-8
    await expect(readStoryBytes('big.txt', bytes)).rejects.toMatchObject({
      key: 'error.lineTooLong',
      params: { line: 2, length: 10_000_000, limit: MAX_LINE_CHARS },
    });
  });

  it('answers stories.import of a long single line with the limit and stores nothing', async () => {
    const data = Buffer.from(`${'建'.repeat(MAX_LINE_CHARS + 1)}`).toString('base64');
    const result = await dispatch(services.handlers, 'stories.import', { name: 'one-line.md', data });
    expect(result).toMatchObject({ ok: false, error: { key: 'error.lineTooLong', params: { line: 1 } } });
    const list = await services.handlers['stories.list']({
      text: '',
      status: null,
      page: null,
      sort: 'updated-desc',
      trash: false,
    });
    expect(list.items).toHaveLength(0);
  });

  it('reads a line at the limit as one long paragraph', async () => {
    const read = await readStoryBytes('long.txt', utf8(`标题\n${'字'.repeat(MAX_LINE_CHARS)}\n`));
    const blocks = blocksOfBody(read.content.body);
    expect(blocks.map((b) => (b.type === 'photo' ? 0 : b.text.length))).toContain(MAX_LINE_CHARS);
  });
});
